package dev.strata.placement.live;

import dev.strata.placement.RemovalCause;

/** Told about every entry that leaves the cache; called after the cache's lock is released. */
@FunctionalInterface
public interface RemovalListener<K, V> {

  void onRemoval(K key, V value, RemovalCause cause);
}
