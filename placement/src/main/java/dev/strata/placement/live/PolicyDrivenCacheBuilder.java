package dev.strata.placement.live;

import dev.strata.placement.PolicyConfig;
import dev.strata.placement.PolicyRegistry;
import java.nio.file.Path;
import java.util.Optional;

/** Validates the configuration once and builds a {@link PolicyDrivenCache}. */
public final class PolicyDrivenCacheBuilder<K, V> {
  private String policyName = "tinylfu";
  private long capacityBytes = -1;
  private int meanEntryBytes = 1024;
  private long seed = 42;
  private Path checkpointDir;
  private RemovalListener<? super K, ? super V> listener = (key, value, cause) -> { };
  private KeyGroups<? super K> keyGroups = KeyGroups.byPrefix();

  PolicyDrivenCacheBuilder() {
  }

  /** A registry name ({@link PolicyRegistry#onlineNames()}); default {@code tinylfu}. */
  public PolicyDrivenCacheBuilder<K, V> policy(String name) {
    this.policyName = name;
    return this;
  }

  public PolicyDrivenCacheBuilder<K, V> capacityBytes(long bytes) {
    this.capacityBytes = bytes;
    return this;
  }

  /** Typical value size; the learned policy derives its time scales from capacity / this. */
  public PolicyDrivenCacheBuilder<K, V> meanEntryBytes(int bytes) {
    this.meanEntryBytes = bytes;
    return this;
  }

  public PolicyDrivenCacheBuilder<K, V> seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** Where the learned policy keeps its checkpoint; restored at build, written on close. */
  public PolicyDrivenCacheBuilder<K, V> checkpointDir(Path directory) {
    this.checkpointDir = directory;
    return this;
  }

  @SuppressWarnings("unchecked")
  public <K1 extends K, V1 extends V> PolicyDrivenCacheBuilder<K1, V1> removalListener(
      RemovalListener<? super K1, ? super V1> listener) {
    PolicyDrivenCacheBuilder<K1, V1> self = (PolicyDrivenCacheBuilder<K1, V1>) this;
    self.listener = listener;
    return self;
  }

  @SuppressWarnings("unchecked")
  public <K1 extends K> PolicyDrivenCacheBuilder<K1, V> keyGroups(KeyGroups<? super K1> groups) {
    PolicyDrivenCacheBuilder<K1, V> self = (PolicyDrivenCacheBuilder<K1, V>) this;
    self.keyGroups = groups;
    return self;
  }

  /** @throws IllegalArgumentException naming the setting when the configuration is invalid */
  @SuppressWarnings("unchecked")
  public <K1 extends K, V1 extends V> PolicyDrivenCache<K1, V1> build() {
    if (capacityBytes < 1) {
      throw new IllegalArgumentException("capacityBytes must be >= 1 but was " + capacityBytes);
    }
    if (meanEntryBytes < 1) {
      throw new IllegalArgumentException("meanEntryBytes must be >= 1 but was " + meanEntryBytes);
    }
    PolicyConfig config = new PolicyConfig(capacityBytes, seed, Optional.ofNullable(checkpointDir), true,
        (int) Math.min(meanEntryBytes, capacityBytes));
    int maxGhostKeys = (int) Math.clamp(2 * config.expectedEntries(), 1024, 1 << 20);
    return new PolicyDrivenCache<>(PolicyRegistry.createOnline(policyName, config),
        (RemovalListener<K1, V1>) listener, (KeyGroups<K1>) keyGroups, maxGhostKeys);
  }
}
