package dev.strata.placement;

import dev.strata.placement.learned.LearnedPolicy;
import dev.strata.placement.policy.lru.LruPolicy;
import dev.strata.placement.policy.opt.BeladyPolicy;
import dev.strata.placement.policy.s3fifo.S3FifoPolicy;
import dev.strata.placement.policy.sieve.SievePolicy;
import dev.strata.placement.policy.tinylfu.CaffeinePolicy;
import dev.strata.placement.policy.tinylfu.WindowTinyLfuPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.function.Function;

/**
 * Every policy by name, listed explicitly (no classpath scanning): the simulator's {@code --policies}
 * option and the live server's configuration both resolve names here.
 */
public final class PolicyRegistry {
  /** The offline optimum: simulator only, it needs to know the future. */
  public static final String OPTIMUM = "opt";

  private static final SequencedMap<String, Function<PolicyConfig, PlacementPolicy>> FACTORIES =
      new LinkedHashMap<>();

  static {
    FACTORIES.put("lru", config -> new LruPolicy(config.maximumWeight()));
    FACTORIES.put("sieve", config -> new SievePolicy(config.maximumWeight()));
    FACTORIES.put("s3fifo", config -> new S3FifoPolicy(config.maximumWeight()));
    FACTORIES.put("tinylfu", config -> new CaffeinePolicy(config.maximumWeight()));
    FACTORIES.put("wtinylfu", config -> new WindowTinyLfuPolicy(config.maximumWeight(), config.expectedEntries()));
    FACTORIES.put("learned", LearnedPolicy::new);
    FACTORIES.put(OPTIMUM, config -> new BeladyPolicy(config.maximumWeight()));
  }

  private PolicyRegistry() {
  }

  /** All names, in report order. */
  public static List<String> names() {
    return List.copyOf(FACTORIES.keySet());
  }

  /** Names usable online, i.e. without knowledge of the future. */
  public static List<String> onlineNames() {
    return names().stream().filter(name -> !name.equals(OPTIMUM)).toList();
  }

  /**
   * Creates the named policy.
   *
   * @throws IllegalArgumentException naming the valid choices when {@code name} is unknown
   */
  public static PlacementPolicy create(String name, PolicyConfig config) {
    Function<PolicyConfig, PlacementPolicy> factory = FACTORIES.get(name);
    if (factory == null) {
      throw new IllegalArgumentException("unknown placement policy '" + name + "'; choose one of " + names());
    }
    return factory.apply(config);
  }

  /** Like {@link #create} but refuses the offline optimum, for the live tier. */
  public static PlacementPolicy createOnline(String name, PolicyConfig config) {
    if (OPTIMUM.equals(name)) {
      throw new IllegalArgumentException("placement policy 'opt' needs the future and only runs in the"
          + " simulator; choose one of " + onlineNames());
    }
    return create(name, config);
  }
}
