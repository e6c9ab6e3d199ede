package dev.strata.placement.live;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gives each key a stable {@code long} id for the policy, and keeps the ids of recently evicted keys
 * (bounded) so a returning key keeps its history — without that the learned policy would see every
 * re-insert as a stranger. Not thread-safe: used under the cache's lock.
 */
final class KeyIds<K> {
  private final Map<Long, K> residentKeys = new HashMap<>();
  private final LinkedHashMap<K, Long> ghostIds = new LinkedHashMap<>();
  private final Map<Long, K> ghostKeys = new HashMap<>();
  private final int maxGhosts;
  private long nextId;

  KeyIds(int maxGhosts) {
    this.maxGhosts = maxGhosts;
  }

  /** The id of a key about to become resident: its old id if it is a ghost, else a new one. */
  long idForInsert(K key) {
    Long ghost = ghostIds.remove(key);
    long id = ghost != null ? ghost : nextId++;
    ghostKeys.remove(id);
    residentKeys.put(id, key);
    return id;
  }

  /** Forgets a resident id; remembers it as a ghost when {@code isRemembered}. */
  K release(long id, boolean isRemembered) {
    K key = residentKeys.remove(id);
    if (key != null && isRemembered) {
      ghostIds.put(key, id);
      ghostKeys.put(id, key);
      if (ghostIds.size() > maxGhosts) {
        Map.Entry<K, Long> oldest = ghostIds.pollFirstEntry();
        ghostKeys.remove(oldest.getValue());
      }
    }
    return key;
  }

  K residentKey(long id) {
    return residentKeys.get(id);
  }

  K ghostKey(long id) {
    return ghostKeys.get(id);
  }

  /** Resident and non-resident ids this instance still holds: for the boundedness test. */
  int trackedIds() {
    return residentKeys.size() + ghostIds.size();
  }
}
