package io.entangled.chains.bitcoin.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entangled.chains.bitcoin.BitcoinHeader;
import io.entangled.chains.bitcoin.Bytes;
import io.entangled.chains.spi.ChainSourceException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Bitcoin Core's JSON-RPC ({@code getblockcount}, {@code getblockhash}, {@code getblockheader},
 * {@code getblock}, {@code gettxoutproof}), with fail-over between URLs and batched requests for
 * header ranges. Works with Bitcoin Core family nodes (litecoind included).
 */
public final class BitcoinRpcSource implements HeaderSource {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Bitcoin Core's "Block height out of range". */
  private static final int RPC_INVALID_PARAMETER = -8;

  private static final int MAX_BATCH = 500;

  private final FailoverHttp http;
  private final RpcCredentials credentials;

  public BitcoinRpcSource(List<URI> urls, RpcCredentials credentials, Duration timeout) {
    this.http = new FailoverHttp(urls, timeout);
    this.credentials = credentials;
  }

  /** An error the node answered (not a transport failure). */
  public static final class RpcErrorException extends ChainSourceException {
    private final int code;

    RpcErrorException(String method, int code, String message) {
      super("RPC " + method + " failed with code " + code + ": " + message);
      this.code = code;
    }

    /** Bitcoin Core's error code. */
    public int code() {
      return code;
    }
  }

  @Override
  public long tipHeight() {
    JsonNode n = call("getblockcount");
    if (!n.canConvertToLong()) {
      throw new ChainSourceException("RPC getblockcount answered no number");
    }
    return n.asLong();
  }

  @Override
  public Optional<byte[]> blockHash(long height) {
    if (height < 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(hexResult("getblockhash", call("getblockhash", height)));
    } catch (RpcErrorException e) {
      if (e.code() == RPC_INVALID_PARAMETER) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public List<byte[]> headers(long from, long to) {
    List<byte[]> out = new ArrayList<>();
    for (long a = from; a <= to; a += MAX_BATCH) {
      long b = Math.min(to, a + MAX_BATCH - 1);
      List<Object[]> hashCalls = new ArrayList<>();
      for (long h = a; h <= b; h++) {
        hashCalls.add(new Object[] {h});
      }
      List<JsonNode> hashes = batch("getblockhash", hashCalls);
      List<Object[]> headerCalls = new ArrayList<>();
      hashes.forEach(hash -> headerCalls.add(new Object[] {hash.asText(), false}));
      for (JsonNode hex : batch("getblockheader", headerCalls)) {
        out.add(header(hex.asText()));
      }
    }
    return out;
  }

  private static byte[] header(String hex) {
    try {
      byte[] raw = Bytes.parseHex("getblockheader result", hex);
      if (raw.length != BitcoinHeader.SIZE) {
        throw new ChainSourceException("getblockheader returned " + raw.length + " bytes, not 80");
      }
      return raw;
    } catch (IllegalArgumentException e) {
      throw new ChainSourceException("getblockheader returned no hex header");
    }
  }

  /** The raw block ({@code getblock HASH 0}). */
  public byte[] rawBlock(String blockHashHex) {
    return hexResult("getblock", call("getblock", blockHashHex, 0));
  }

  /**
   * The merkleblock proving {@code txids} in the block {@code blockHashHex} ({@code
   * gettxoutproof}).
   */
  public byte[] txOutProof(List<String> txids, String blockHashHex) {
    return hexResult("gettxoutproof", call("gettxoutproof", txids, blockHashHex));
  }

  private static byte[] hexResult(String method, JsonNode result) {
    try {
      if (result.isTextual()) {
        return Bytes.parseHex(method, result.asText());
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new ChainSourceException("RPC " + method + " answered no hex string");
  }

  /** Calls any method; returns its {@code result} (a JSON null for methods that return none). */
  public JsonNode call(String method, Object... params) {
    ObjectNode req = request(method, params, 0);
    JsonNode answer = post(method, req);
    JsonNode error = answer.path("error");
    if (!error.isMissingNode() && !error.isNull()) {
      throw new RpcErrorException(
          method, error.path("code").asInt(), error.path("message").asText());
    }
    return answer.path("result");
  }

  private List<JsonNode> batch(String method, List<Object[]> calls) {
    ArrayNode req = JSON.createArrayNode();
    for (int i = 0; i < calls.size(); i++) {
      req.add(request(method, calls.get(i), i));
    }
    JsonNode answer = post(method, req);
    if (!answer.isArray() || answer.size() != calls.size()) {
      throw new ChainSourceException(
          "batched "
              + method
              + " answered "
              + answer.size()
              + " results for "
              + calls.size()
              + " calls");
    }
    JsonNode[] byId = new JsonNode[calls.size()];
    for (JsonNode r : answer) {
      int id = r.path("id").asInt(-1);
      if (id < 0 || id >= byId.length) {
        throw new ChainSourceException("batched " + method + " answered an unknown id");
      }
      byId[id] = result(method, r);
    }
    return List.of(byId);
  }

  private static ObjectNode request(String method, Object[] params, int id) {
    ObjectNode req = JSON.createObjectNode();
    req.put("jsonrpc", "1.0");
    req.put("id", id);
    req.put("method", method);
    req.set("params", JSON.valueToTree(params));
    return req;
  }

  private static JsonNode result(String method, JsonNode answer) {
    JsonNode error = answer.path("error");
    if (!error.isMissingNode() && !error.isNull()) {
      throw new RpcErrorException(
          method, error.path("code").asInt(), error.path("message").asText());
    }
    JsonNode result = answer.path("result");
    if (result.isMissingNode() || result.isNull()) {
      throw new ChainSourceException("RPC " + method + " answered no result");
    }
    return result;
  }

  private JsonNode post(String method, JsonNode body) {
    String json = body.toString();
    Optional<String> auth = credentials.authorization();
    return http.send(
        base -> {
          HttpRequest.Builder b =
              HttpRequest.newBuilder(base)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(json));
          auth.ifPresent(a -> b.header("Authorization", a));
          return b;
        },
        r -> parse(method, r));
  }

  /** Bitcoin Core answers RPC errors with HTTP 404/500 and a JSON body; both are answers. */
  private static JsonNode parse(String method, HttpResponse<String> r) {
    int s = r.statusCode();
    if (s != 200 && s != 404 && s != 500) {
      return null;
    }
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      if (s == 200) {
        throw new ChainSourceException("RPC " + method + " answered malformed JSON");
      }
      return null;
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
