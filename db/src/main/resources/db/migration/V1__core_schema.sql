-- Entangled core schema: source chains, their checkpoints, epochs, proofs, relays, job runs.
-- Hashes and roots are raw bytes (bytea); heights are bigint; times are timestamptz (UTC).

CREATE TABLE chain (
    id               TEXT PRIMARY KEY,
    kind             TEXT        NOT NULL,
    chain_id         BIGINT      NOT NULL,
    enabled          BOOLEAN     NOT NULL,
    status           TEXT        NOT NULL DEFAULT 'STARTING'
        CHECK (status IN ('STARTING', 'SYNCING', 'FOLLOWING', 'HALTED', 'UNREACHABLE', 'DISABLED')),
    status_reason    TEXT,
    head_height      BIGINT,
    head_hash        BYTEA,
    head_seen_at     TIMESTAMPTZ,
    finalized_height BIGINT,
    reorg_count      BIGINT      NOT NULL DEFAULT 0,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every header the relayer has verified. A canonical row has orphaned_at NULL; at most one canonical
-- row per (chain, height). Rows are never deleted: an orphaned row keeps the record of the reorg.
CREATE TABLE checkpoint (
    chain            TEXT        NOT NULL REFERENCES chain (id),
    height           BIGINT      NOT NULL CHECK (height >= 0),
    hash             BYTEA       NOT NULL CHECK (length(hash) = 32),
    parent_hash      BYTEA       NOT NULL CHECK (length(parent_hash) = 32),
    state_commitment BYTEA       NOT NULL CHECK (length(state_commitment) = 32),
    block_time       TIMESTAMPTZ NOT NULL,
    raw_header       BYTEA       NOT NULL,
    finalized        BOOLEAN     NOT NULL DEFAULT FALSE,
    orphaned_at      TIMESTAMPTZ,
    used_by_epoch    BIGINT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (chain, height, hash),
    -- a finalized checkpoint can never be orphaned: a reorg that deep halts the chain instead
    CHECK (NOT (finalized AND orphaned_at IS NOT NULL))
);
CREATE UNIQUE INDEX checkpoint_canonical ON checkpoint (chain, height) WHERE orphaned_at IS NULL;
CREATE INDEX checkpoint_finalized ON checkpoint (chain, height DESC) WHERE finalized;

CREATE TABLE epoch (
    number         BIGINT PRIMARY KEY CHECK (number >= 0),
    status         TEXT        NOT NULL
        CHECK (status IN ('OPEN', 'AGGREGATED', 'PROVING', 'PROVEN', 'RELAYED', 'FAILED')),
    prev_root      BYTEA CHECK (length(prev_root) = 32),
    entangled_root BYTEA CHECK (length(entangled_root) = 32),
    epoch_record   BYTEA CHECK (length(epoch_record) = 32),
    leaf_count     INTEGER     NOT NULL DEFAULT 0,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX epoch_status ON epoch (status, number);

-- The checkpoint of each chain that an epoch folded into its root.
CREATE TABLE epoch_leaf (
    epoch            BIGINT NOT NULL REFERENCES epoch (number),
    chain            TEXT   NOT NULL REFERENCES chain (id),
    chain_id         BIGINT NOT NULL,
    height           BIGINT NOT NULL,
    block_hash       BYTEA  NOT NULL CHECK (length(block_hash) = 32),
    state_commitment BYTEA  NOT NULL CHECK (length(state_commitment) = 32),
    leaf             BYTEA  NOT NULL CHECK (length(leaf) = 32),
    PRIMARY KEY (epoch, chain)
);

CREATE TABLE proof (
    id            BIGSERIAL PRIMARY KEY,
    epoch         BIGINT REFERENCES epoch (number),
    status        TEXT        NOT NULL
        CHECK (status IN ('QUEUED', 'PROVING', 'VERIFIED', 'FAILED')),
    backend       TEXT,
    program_hash  BYTEA,
    public_values BYTEA,
    cycles        BIGINT,
    segments      INTEGER,
    size_bytes    BIGINT,
    proof_bytes   BYTEA,
    prove_millis  BIGINT,
    verify_millis BIGINT,
    error         TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX proof_epoch ON proof (epoch);
CREATE INDEX proof_status ON proof (status, id);

CREATE TABLE relay (
    id            BIGSERIAL PRIMARY KEY,
    epoch         BIGINT      NOT NULL REFERENCES epoch (number),
    target        TEXT        NOT NULL,
    status        TEXT        NOT NULL
        CHECK (status IN ('PENDING', 'SUBMITTED', 'CONFIRMED', 'FAILED')),
    tx_hash       BYTEA,
    nonce         BIGINT,
    fee           NUMERIC(78, 0),
    confirmations INTEGER     NOT NULL DEFAULT 0,
    error         TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (epoch, target)
);
CREATE INDEX relay_recent ON relay (id DESC);
CREATE INDEX relay_target_status ON relay (target, status);

-- One row per execution of a scheduled job, written by the node that ran it.
CREATE TABLE job_run (
    id                  BIGSERIAL PRIMARY KEY,
    job_name            TEXT        NOT NULL,
    fire_instance_id    TEXT        NOT NULL,
    scheduled_fire_time TIMESTAMPTZ,
    node                TEXT        NOT NULL,
    recovering          BOOLEAN     NOT NULL DEFAULT FALSE,
    started_at          TIMESTAMPTZ NOT NULL,
    finished_at         TIMESTAMPTZ,
    outcome             TEXT CHECK (outcome IN ('OK', 'FAILED')),
    message             TEXT
);
CREATE INDEX job_run_job ON job_run (job_name, scheduled_fire_time);
