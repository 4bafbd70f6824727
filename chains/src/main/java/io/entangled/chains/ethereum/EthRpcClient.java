package io.entangled.chains.ethereum;

import com.fasterxml.jackson.databind.JsonNode;
import io.entangled.chains.spi.ChainSourceException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * One Ethereum JSON-RPC endpoint, over web3j's HTTP transport. Calls go out as one JSON-RPC batch
 * ({@link BatchRequest}); results come back as JSON trees in request order, because web3j's typed
 * block lacks newer header fields ({@code requestsHash}) and the header must be rebuilt exactly.
 */
final class EthRpcClient implements AutoCloseable {

  /** One call of a batch. */
  record Call(String method, List<Object> params) {}

  /** One answer: the result (JSON null when the node has none) or the node's error message. */
  record Answer(JsonNode result, String error) {
    boolean ok() {
      return error == null;
    }
  }

  /** web3j response whose result stays a JSON tree. */
  public static final class JsonResponse extends Response<JsonNode> {}

  private final HttpService service;

  EthRpcClient(String url, Duration timeout) {
    // a plain builder: web3j's own adds a body-logging interceptor when debug logging is on
    OkHttpClient http = new OkHttpClient.Builder()
        .connectTimeout(timeout).readTimeout(timeout).callTimeout(timeout).build();
    this.service = new HttpService(url, http);
  }

  /** Sends {@code calls} as one batch. */
  List<Answer> batch(List<Call> calls) throws IOException {
    BatchRequest batch = new BatchRequest(service);
    List<Long> ids = new ArrayList<>(calls.size());
    for (Call c : calls) {
      Request<Object, JsonResponse> r = new Request<>(c.method(), c.params(), service, JsonResponse.class);
      ids.add(r.getId());
      batch.add(r);
    }
    BatchResponse response = sendBatch(batch);
    Map<Long, Response<?>> byId = new HashMap<>();
    for (Response<?> r : response.getResponses()) {
      byId.put(r.getId(), r);
    }
    List<Answer> answers = new ArrayList<>(calls.size());
    for (int i = 0; i < calls.size(); i++) {
      answers.add(answer(calls.get(i), byId.get(ids.get(i))));
    }
    return answers;
  }

  private static BatchResponse sendBatch(BatchRequest batch) throws IOException {
    try {
      return batch.send();
    } catch (RuntimeException e) {
      // web3j reports HTTP errors and unparsable bodies as unchecked exceptions
      throw new ChainSourceException("bad answer: " + e.getClass().getSimpleName() + " " + e.getMessage());
    }
  }

  private static Answer answer(Call call, Response<?> r) {
    if (r == null) {
      throw new ChainSourceException("no answer to " + call.method() + " in the batch");
    }
    if (r.hasError()) {
      return new Answer(null, r.getError().getMessage());
    }
    JsonNode result = (JsonNode) r.getResult();
    return new Answer(result == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : result, null);
  }

  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException e) {
      // closing a connection pool; nothing useful to do
    }
  }
}
