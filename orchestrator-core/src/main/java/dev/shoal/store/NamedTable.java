package dev.shoal.store;

import dev.shoal.model.StoreObject;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One of the store's tables of named objects (networks, secrets, configs): by id, with a unique index
 * of names. Not thread-safe: the {@link MemoryStore} guards it with its lock.
 */
final class NamedTable<T extends StoreObject> {
    private final Map<String, T> byId = new LinkedHashMap<>();
    private final Map<String, String> idsByName = new HashMap<>();

    T get(String id) { return byId.get(id); }

    T byName(String name) {
        String id = idsByName.get(name);
        return id == null ? null : byId.get(id);
    }

    /** Whether another object than {@code o} already has {@code o}'s name. */
    boolean nameTakenByOther(StoreObject o) {
        String other = idsByName.get(o.name());
        return other != null && !other.equals(o.id());
    }

    @SuppressWarnings("unchecked")
    void put(StoreObject o, StoreObject old) {
        if (old != null) idsByName.remove(old.name(), old.id());
        byId.put(o.id(), (T) o);
        idsByName.put(o.name(), o.id());
    }

    void remove(StoreObject o) {
        byId.remove(o.id());
        idsByName.remove(o.name(), o.id());
    }

    Collection<T> values() { return Collections.unmodifiableCollection(byId.values()); }

    void clear() {
        byId.clear();
        idsByName.clear();
    }
}
