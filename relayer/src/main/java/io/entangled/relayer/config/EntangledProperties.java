package io.entangled.relayer.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything under {@code entangled.*} as bound from configuration. Mutable only for binding:
 * {@link ConfigurationValidator} turns it into validated, immutable values for the rest of the
 * service. Secrets are never properties: they are named here by environment variable or file.
 */
@ConfigurationProperties("entangled")
public class EntangledProperties {
  /** This node's name in logs and in {@code job_run}; defaults to the host name. */
  private String nodeName;

  /** Folder for the embedded PostgreSQL's data when no datasource is configured. */
  private String dataDir = ".data";

  private List<Chain> chains = new ArrayList<>();
  private List<Target> targets = new ArrayList<>();
  private Prover prover = new Prover();
  private Api api = new Api();
  private Jobs jobs = new Jobs();

  public String getNodeName() {
    return nodeName;
  }

  public void setNodeName(String nodeName) {
    this.nodeName = nodeName;
  }

  public String getDataDir() {
    return dataDir;
  }

  public void setDataDir(String dataDir) {
    this.dataDir = dataDir;
  }

  public List<Chain> getChains() {
    return chains;
  }

  public void setChains(List<Chain> chains) {
    this.chains = chains;
  }

  public List<Target> getTargets() {
    return targets;
  }

  public void setTargets(List<Target> targets) {
    this.targets = targets;
  }

  public Prover getProver() {
    return prover;
  }

  public void setProver(Prover prover) {
    this.prover = prover;
  }

  public Api getApi() {
    return api;
  }

  public void setApi(Api api) {
    this.api = api;
  }

  public Jobs getJobs() {
    return jobs;
  }

  public void setJobs(Jobs jobs) {
    this.jobs = jobs;
  }

  /** {@code entangled.chains[*]}: one source chain. */
  public static class Chain {
    private String id;
    private String kind;
    private Long chainId;
    private List<URI> rpcUrls = new ArrayList<>();
    private Integer confirmations;
    private boolean useFinalizedTag;
    private Duration pollInterval = Duration.ofSeconds(5);
    private boolean enabled = true;
    /** First height to ingest when nothing is stored yet; default: the first final height seen. */
    private Long startHeight;
    /** Headers fetched per request batch. */
    private int batchSize = 200;
    private Map<String, String> options = new LinkedHashMap<>();

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }

    public String getKind() {
      return kind;
    }

    public void setKind(String kind) {
      this.kind = kind;
    }

    public Long getChainId() {
      return chainId;
    }

    public void setChainId(Long chainId) {
      this.chainId = chainId;
    }

    public List<URI> getRpcUrls() {
      return rpcUrls;
    }

    public void setRpcUrls(List<URI> rpcUrls) {
      this.rpcUrls = rpcUrls;
    }

    public Integer getConfirmations() {
      return confirmations;
    }

    public void setConfirmations(Integer confirmations) {
      this.confirmations = confirmations;
    }

    public boolean isUseFinalizedTag() {
      return useFinalizedTag;
    }

    public void setUseFinalizedTag(boolean useFinalizedTag) {
      this.useFinalizedTag = useFinalizedTag;
    }

    public Duration getPollInterval() {
      return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
    }

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Long getStartHeight() {
      return startHeight;
    }

    public void setStartHeight(Long startHeight) {
      this.startHeight = startHeight;
    }

    public int getBatchSize() {
      return batchSize;
    }

    public void setBatchSize(int batchSize) {
      this.batchSize = batchSize;
    }

    public Map<String, String> getOptions() {
      return options;
    }

    public void setOptions(Map<String, String> options) {
      this.options = options;
    }
  }

  /** {@code entangled.targets[*]}: a chain the proven roots are relayed to. */
  public static class Target {
    private String id;
    private String kind;
    private List<URI> rpcUrls = new ArrayList<>();
    /** Name of the environment variable holding the signing key (never the key itself). */
    private String signerKeyEnv;
    /** Path of an encrypted keystore file holding the signing key. */
    private String signerKeystore;
    private Duration interval = Duration.ofMinutes(5);
    private boolean enabled = true;
    private Map<String, String> options = new LinkedHashMap<>();

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }

    public String getKind() {
      return kind;
    }

    public void setKind(String kind) {
      this.kind = kind;
    }

    public List<URI> getRpcUrls() {
      return rpcUrls;
    }

    public void setRpcUrls(List<URI> rpcUrls) {
      this.rpcUrls = rpcUrls;
    }

    public String getSignerKeyEnv() {
      return signerKeyEnv;
    }

    public void setSignerKeyEnv(String signerKeyEnv) {
      this.signerKeyEnv = signerKeyEnv;
    }

    public String getSignerKeystore() {
      return signerKeystore;
    }

    public void setSignerKeystore(String signerKeystore) {
      this.signerKeystore = signerKeystore;
    }

    public Duration getInterval() {
      return interval;
    }

    public void setInterval(Duration interval) {
      this.interval = interval;
    }

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Map<String, String> getOptions() {
      return options;
    }

    public void setOptions(Map<String, String> options) {
      this.options = options;
    }
  }

  /** {@code entangled.prover.*}. */
  public static class Prover {
    /** {@code cpu}, {@code gpu} or {@code auto} (GPU when one is usable, else CPU). */
    private String backend = "auto";
    /** Cycles per proved segment (a power of two). */
    private long segmentCycles = 1L << 20;
    /** Prover threads; 0 means one per core. */
    private int threads;

    public String getBackend() {
      return backend;
    }

    public void setBackend(String backend) {
      this.backend = backend;
    }

    public long getSegmentCycles() {
      return segmentCycles;
    }

    public void setSegmentCycles(long segmentCycles) {
      this.segmentCycles = segmentCycles;
    }

    public int getThreads() {
      return threads;
    }

    public void setThreads(int threads) {
      this.threads = threads;
    }
  }

  /** {@code entangled.api.*}: the REST API. */
  public static class Api {
    /** Environment variable holding the bearer token for mutating endpoints. */
    private String tokenEnv = "ENTANGLED_API_TOKEN";
    /** Alternatively, a file holding the token (first line). */
    private String tokenFile;

    public String getTokenEnv() {
      return tokenEnv;
    }

    public void setTokenEnv(String tokenEnv) {
      this.tokenEnv = tokenEnv;
    }

    public String getTokenFile() {
      return tokenFile;
    }

    public void setTokenFile(String tokenFile) {
      this.tokenFile = tokenFile;
    }
  }

  /** {@code entangled.jobs.*}: schedules of the pipeline jobs. */
  public static class Jobs {
    private Duration aggregateInterval = Duration.ofMinutes(1);
    private Duration proveInterval = Duration.ofSeconds(30);
    private Duration relayInterval = Duration.ofSeconds(30);
    /** Longest time one ingest run keeps fetching batches before it yields its thread. */
    private Duration ingestBudget = Duration.ofSeconds(20);
    /** How long finished job runs are kept in {@code job_run}. */
    private Duration jobRunRetention = Duration.ofDays(7);

    public Duration getAggregateInterval() {
      return aggregateInterval;
    }

    public void setAggregateInterval(Duration aggregateInterval) {
      this.aggregateInterval = aggregateInterval;
    }

    public Duration getProveInterval() {
      return proveInterval;
    }

    public void setProveInterval(Duration proveInterval) {
      this.proveInterval = proveInterval;
    }

    public Duration getRelayInterval() {
      return relayInterval;
    }

    public void setRelayInterval(Duration relayInterval) {
      this.relayInterval = relayInterval;
    }

    public Duration getIngestBudget() {
      return ingestBudget;
    }

    public void setIngestBudget(Duration ingestBudget) {
      this.ingestBudget = ingestBudget;
    }

    public Duration getJobRunRetention() {
      return jobRunRetention;
    }

    public void setJobRunRetention(Duration jobRunRetention) {
      this.jobRunRetention = jobRunRetention;
    }
  }
}
