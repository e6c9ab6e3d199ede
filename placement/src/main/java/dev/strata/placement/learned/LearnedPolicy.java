package dev.strata.placement.learned;

import dev.strata.placement.AccessEvent;
import dev.strata.placement.EvictionSink;
import dev.strata.placement.ModelStatus;
import dev.strata.placement.PlacementPolicy;
import dev.strata.placement.PolicyConfig;
import dev.strata.placement.RemovalCause;
import dev.strata.placement.policy.ControllablePolicy;
import dev.strata.placement.policy.tinylfu.CaffeinePolicy;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Learned placement in the spirit of LRB (Song et al., "Learning Relaxed Belady for Content Distribution
 * Network Caching", NSDI 2020): a small network predicts each item's time to next request from its access
 * history; to make room the policy samples resident items and evicts the one predicted to be needed
 * last. Training runs elsewhere ({@link OnlineModel}); this class only reads the latest weights.
 *
 * <p>Caffeine's W-TinyLFU ({@link CaffeinePolicy}) mirrors the resident set at all times. It decides while the model is
 * cold or after the {@link FallbackGuard} saw the model fall behind a shadow W-TinyLFU, and its
 * accounting is the single source of truth for sizes.
 */
public final class LearnedPolicy implements PlacementPolicy {
  private static final int VICTIM_SAMPLES = 8;
  private static final int SAMPLE_EVERY_REQUESTS = 2;
  private static final int TRAIN_EVERY_REQUESTS = 2048;
  private static final int MIN_SAMPLES_BEFORE_DECIDING = 1024;
  private static final int REPLAY_CAPACITY = 32768;
  private static final int PREFETCH_SCAN_LIMIT = 256;

  private final ControllablePolicy fallback;
  private final FallbackGuard guard;
  private final ResidentSet items;
  private final FeatureExtractor extractor;
  private final KeyGroupStats keyGroups;
  private final LabelWindow labels;
  private final OnlineModel model;
  private final SplittableRandom random;
  private final float[] features = new float[FeatureExtractor.FEATURES];
  private float[][] scratch = new float[][] {new float[32], new float[32]};
  private boolean isModelDeciding;
  /** Moving average of the victims' logits: "how far is too far" for promotion and prefetch. */
  private float victimPrediction = Float.MAX_VALUE;
  private float lastVictimPrediction;
  private float minLogit = Float.MAX_VALUE;
  private float maxLogit = -Float.MAX_VALUE;

  public LearnedPolicy(PolicyConfig config) {
    long entries = config.expectedEntries();
    this.fallback = new CaffeinePolicy(config.maximumWeight());
    this.items = new ResidentSet((int) Math.clamp(2 * entries, 1024, 1 << 20));
    this.extractor = new FeatureExtractor(Math.clamp(8 * entries, 4096, 1 << 24));
    this.keyGroups = new KeyGroupStats(Math.max(1024, entries));
    ReplayBuffer replay = new ReplayBuffer(REPLAY_CAPACITY, FeatureExtractor.FEATURES, config.seed());
    this.labels = new LabelWindow(extractor, replay,
        (int) Math.min(1 << 20, extractor.horizon() / SAMPLE_EVERY_REQUESTS + 1));
    TrainingScheduler scheduler = config.isBackgroundTraining()
        ? TrainingScheduler.background("strata-placement-trainer")
        : TrainingScheduler.inline();
    this.model = new OnlineModel(replay, config.seed(), scheduler, config.checkpointDir());
    this.random = new SplittableRandom(config.seed());
    this.guard = new FallbackGuard(config.maximumWeight(), entries,
        shadowBudget -> new LearnedPolicy(shadowBudget, model, extractor, config.seed()));
  }

  /** A model-driven shadow: shares the model and time scale, never trains, always lets the model decide. */
  private LearnedPolicy(long maximumWeight, OnlineModel model, FeatureExtractor extractor, long seed) {
    this.fallback = new CaffeinePolicy(maximumWeight);
    this.items = new ResidentSet((int) Math.clamp(2 * maximumWeight, 1024, 1 << 20));
    this.extractor = extractor;
    this.keyGroups = new KeyGroupStats(Math.max(1024, maximumWeight));
    this.labels = null;
    this.model = model;
    this.random = new SplittableRandom(seed + 1);
    this.guard = null;
  }

  private boolean isShadow() {
    return guard == null;
  }

  @Override
  public String name() {
    return "learned";
  }

  @Override
  public boolean contains(long key) {
    return fallback.contains(key);
  }

  @Override
  public void onHit(AccessEvent event, EvictionSink evictions) {
    ItemHistory item = items.resident(event.key());
    observe(event, item);
    fallback.onHit(event, (key, cause) -> forget(key, cause, evictions));
  }

  @Override
  public boolean onMiss(AccessEvent event, EvictionSink evictions) {
    ItemHistory item = items.historyOf(event.key());
    observe(event, item);
    if (event.weight() > fallback.maximumWeight()) {
      evictions.removed(event.key(), RemovalCause.OVERSIZED);
      return false;
    }
    if (!isModelDeciding) {
      boolean isAdmitted = fallback.onMiss(event, (key, cause) -> forget(key, cause, evictions));
      if (isAdmitted) {
        items.admit(item);
      } else {
        // Keep the refused key's history: its next request then has a gap to learn from.
        items.remember(item);
      }
      return isAdmitted;
    }
    float candidatePrediction = Float.NaN;
    while (fallback.weightedSize() + event.weight() > fallback.maximumWeight()) {
      ItemHistory victim = predictedLastNeeded(event.time());
      if (Float.isNaN(candidatePrediction)) {
        candidatePrediction = predict(model.current(), item, event.time());
      }
      // Belady with bypass: a newcomer predicted to be needed later than every sampled resident
      // would itself be the best victim, so it is not admitted (this is what keeps a loop's subset).
      if (candidatePrediction > lastVictimPrediction) {
        items.remember(item);
        fallback.recordRejected(event);
        evictions.removed(event.key(), RemovalCause.REJECTED);
        return false;
      }
      fallback.remove(victim.key);
      forget(victim.key, RemovalCause.EVICTED, evictions);
    }
    items.admit(item);
    fallback.insertAdmitted(event, (key, cause) -> forget(key, cause, evictions));
    return fallback.contains(event.key());
  }

  /** Feature, label and mode bookkeeping shared by hits and misses. */
  private void observe(AccessEvent event, ItemHistory item) {
    long now = event.time();
    if (!isShadow()) {
      labels.expire(now);
      labels.onRequest(item, now);
    }
    item.recordAccess(now, event.weight(), event.keyGroup());
    extractor.refreshStatic(item, keyGroups.recordAndShare(event.keyGroup(), now));
    if (isShadow()) {
      isModelDeciding = model.current() != null;
      return;
    }
    if (now % SAMPLE_EVERY_REQUESTS == 0) {
      ItemHistory sampled = items.randomResident(random);
      if (sampled != null) {
        labels.sample(sampled, now);
      }
    }
    guard.record(event);
    if (now % TRAIN_EVERY_REQUESTS == 0) {
      model.requestTraining();
    }
    boolean isWarm = model.current() != null && model.samples() >= MIN_SAMPLES_BEFORE_DECIDING;
    isModelDeciding = guard.isModelTrusted(now) && isWarm;
  }

  /** Samples residents and returns the one whose predicted next request is farthest away. */
  private ItemHistory predictedLastNeeded(long now) {
    InferenceModel current = model.current();
    ItemHistory worst = null;
    float worstPrediction = -Float.MAX_VALUE;
    for (int i = 0; i < VICTIM_SAMPLES; i++) {
      ItemHistory candidate = items.randomResident(random);
      float prediction = predict(current, candidate, now);
      if (prediction > worstPrediction) {
        worstPrediction = prediction;
        worst = candidate;
      }
    }
    victimPrediction = victimPrediction == Float.MAX_VALUE ? worstPrediction
        : 0.99f * victimPrediction + 0.01f * worstPrediction;
    lastVictimPrediction = worstPrediction;
    return worst;
  }

  /** The model's logit for {@code item} at {@code now}: higher means needed later. */
  private float predict(InferenceModel current, ItemHistory item, long now) {
    extractor.extract(item, now, features);
    float logit = current.logit(features, scratch);
    minLogit = Math.min(minLogit, logit);
    maxLogit = Math.max(maxLogit, logit);
    return logit;
  }

  /** Removes a key the mirror or the model evicted from the histories and reports it. */
  private void forget(long key, RemovalCause cause, EvictionSink evictions) {
    items.evict(key, true);
    evictions.removed(key, cause);
  }

  @Override
  public boolean shouldPromote(AccessEvent event) {
    if (!isModelDeciding) {
      return true;
    }
    ItemHistory item = items.historyOf(event.key());
    return predict(model.current(), item, event.time()) < victimPrediction;
  }

  @Override
  public long[] prefetchCandidates(int max) {
    if (!isModelDeciding || max <= 0) {
      return new long[0];
    }
    InferenceModel current = model.current();
    long[] keys = new long[max];
    int found = 0;
    int scanned = 0;
    long now = 0;
    for (ItemHistory ghost : items.recentGhosts()) {
      now = Math.max(now, ghost.lastAccessTime);
    }
    for (ItemHistory ghost : items.recentGhosts()) {
      if (found == max || scanned++ == PREFETCH_SCAN_LIMIT) {
        break;
      }
      // Needed clearly sooner than what gets evicted: a logit margin of 1 (a factor of e in odds).
      if (predict(current, ghost, now) < victimPrediction - 1f) {
        keys[found++] = ghost.key;
      }
    }
    return Arrays.copyOf(keys, found);
  }

  @Override
  public void remove(long key) {
    fallback.remove(key);
    items.evict(key, false);
  }

  @Override
  public long weightedSize() {
    return fallback.weightedSize();
  }

  @Override
  public long maximumWeight() {
    return fallback.maximumWeight();
  }

  @Override
  public int size() {
    return fallback.size();
  }

  @Override
  public ModelStatus modelStatus() {
    return new ModelStatus(model.version(), model.lastLoss(), isModelDeciding, model.samples());
  }

  /** Bounds observed so far, for the stability run: {min prediction, max prediction, max |parameter|}. */
  public float[] stabilityBounds() {
    InferenceModel current = model.current();
    if (minLogit > maxLogit) {
      return new float[] {Float.NaN, Float.NaN, current == null ? 0f : current.maxAbsParameter()};
    }
    return new float[] {InferenceModel.sigmoid(minLogit), InferenceModel.sigmoid(maxLogit),
        current == null ? 0f : current.maxAbsParameter()};
  }

  /** Writes the checkpoint now (the live cache calls this on shutdown through {@link #close()}). */
  public void saveCheckpoint() {
    model.saveCheckpoint();
  }

  @Override
  public void checkInvariants() {
    if (!isShadow()) {
      guard.checkInvariants();
    }
    fallback.checkInvariants();
    items.checkConsistent();
    if (items.size() != fallback.size()) {
      throw new IllegalStateException(items.size() + " histories but " + fallback.size() + " residents");
    }
  }

  @Override
  public void close() {
    if (!isShadow()) {
      model.close();
    }
  }

  OnlineModel model() {
    return model;
  }
}
