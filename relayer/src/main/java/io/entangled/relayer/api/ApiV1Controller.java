package io.entangled.relayer.api;

import io.entangled.db.ChainRecord;
import io.entangled.db.ChainRepository;
import io.entangled.db.CheckpointRepository;
import io.entangled.db.EpochRecord;
import io.entangled.db.EpochRepository;
import io.entangled.db.JobRunRepository;
import io.entangled.db.ProofRepository;
import io.entangled.db.RelayRepository;
import io.entangled.db.StoredCheckpoint;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The read API over chains, checkpoints, epochs, proofs, relays and job runs. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class ApiV1Controller {
  private static final Logger LOG = LoggerFactory.getLogger(ApiV1Controller.class);
  static final int MAX_LIMIT = 1000;

  private final ChainRepository chains;
  private final CheckpointRepository checkpoints;
  private final EpochRepository epochs;
  private final ProofRepository proofs;
  private final RelayRepository relays;
  private final JobRunRepository jobRuns;

  public ApiV1Controller(
      ChainRepository chains,
      CheckpointRepository checkpoints,
      EpochRepository epochs,
      ProofRepository proofs,
      RelayRepository relays,
      JobRunRepository jobRuns) {
    this.chains = chains;
    this.checkpoints = checkpoints;
    this.epochs = epochs;
    this.proofs = proofs;
    this.relays = relays;
    this.jobRuns = jobRuns;
  }

  @Operation(summary = "Source chains with head seen, last finalized checkpoint, lag and status")
  @GetMapping("/chains")
  public List<Views.Chain> chains() {
    return chains.findAll().stream().map(this::chainView).toList();
  }

  @Operation(summary = "One source chain")
  @GetMapping("/chains/{id}")
  public Views.Chain chain(@PathVariable String id) {
    return chainView(findChain(id));
  }

  @Operation(
      summary = "Canonical checkpoints of a chain, ascending from 'from'; without 'from', the newest")
  @GetMapping("/chains/{id}/checkpoints")
  public List<Views.Checkpoint> checkpoints(
      @PathVariable String id,
      @RequestParam(required = false) Long from,
      @RequestParam(defaultValue = "100") int limit) {
    findChain(id);
    checkLimit(limit);
    if (from != null && from < 0) {
      throw ApiException.badRequest("from must not be negative, got " + from);
    }
    long start = from != null ? from : newestWindowStart(id, limit);
    return checkpoints.canonicalFrom(id, start, limit).stream().map(Views.Checkpoint::of).toList();
  }

  @Operation(summary = "Resume a chain halted by a deep reorg (needs the API bearer token)")
  @PostMapping("/chains/{id}/resume")
  public Views.Chain resume(@PathVariable String id) {
    findChain(id);
    if (!chains.resume(id)) {
      throw new ApiException(
          org.springframework.http.HttpStatus.CONFLICT, "Chain not halted", "chain '" + id + "' is not halted");
    }
    LOG.info("chain {}: resumed by an API request", id);
    return chainView(findChain(id));
  }

  @Operation(summary = "Epochs, newest first; page with 'before'")
  @GetMapping("/epochs")
  public List<Views.Epoch> epochs(
      @RequestParam(required = false) Long before, @RequestParam(defaultValue = "50") int limit) {
    checkLimit(limit);
    return epochs.list(before, limit).stream().map(e -> Views.Epoch.of(e, null)).toList();
  }

  @Operation(summary = "One epoch with its leaves")
  @GetMapping("/epochs/{number}")
  public Views.Epoch epoch(@PathVariable long number) {
    EpochRecord e = epochs.find(number).orElseThrow(() -> ApiException.notFound("epoch", number));
    return Views.Epoch.of(e, epochs.leaves(number));
  }

  @Operation(summary = "A proof's status, timings, cycles and size")
  @GetMapping("/proofs/{id}")
  public Views.Proof proof(@PathVariable long id) {
    return Views.Proof.of(proofs.find(id).orElseThrow(() -> ApiException.notFound("proof", id)));
  }

  @Operation(summary = "Download a finished proof's bytes")
  @GetMapping(path = "/proofs/{id}/bytes", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
  public ResponseEntity<byte[]> proofBytes(@PathVariable long id) {
    proofs.find(id).orElseThrow(() -> ApiException.notFound("proof", id));
    byte[] bytes = proofs.bytes(id).orElseThrow(() -> ApiException.notFound("proof bytes of", id));
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(bytes);
  }

  @Operation(summary = "Relays, newest first; filter by target, page with 'before'")
  @GetMapping("/relays")
  public List<Views.Relay> relays(
      @RequestParam(required = false) String target,
      @RequestParam(required = false) Long before,
      @RequestParam(defaultValue = "50") int limit) {
    checkLimit(limit);
    return relays.list(target, before, limit).stream().map(Views.Relay::of).toList();
  }

  @Operation(summary = "Recent scheduled job runs (which node ran what, and how it ended)")
  @GetMapping("/jobs/runs")
  public List<Views.JobRun> jobRuns(
      @RequestParam(required = false) String job, @RequestParam(defaultValue = "50") int limit) {
    checkLimit(limit);
    return jobRuns.recent(job, limit).stream().map(Views.JobRun::of).toList();
  }

  private ChainRecord findChain(String id) {
    return chains.find(id).orElseThrow(() -> ApiException.notFound("chain", id));
  }

  private Views.Chain chainView(ChainRecord c) {
    StoredCheckpoint finalized = checkpoints.latestFinalized(c.id()).orElse(null);
    return Views.Chain.of(c, finalized);
  }

  private long newestWindowStart(String id, int limit) {
    return checkpoints.latestCanonical(id).map(t -> Math.max(0, t.height() - limit + 1)).orElse(0L);
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
  }
}
