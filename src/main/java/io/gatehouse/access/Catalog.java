package io.gatehouse.access;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The model catalog: entries by slug and alias, names compared without case. Immutable. */
public final class Catalog {
    public static final Catalog EMPTY = new Catalog(List.of(), Map.of());

    private final List<CatalogEntry> entries;
    private final Map<String, CatalogEntry> byName;

    /** @param aliases extra names (lower-case) → the slug they stand for */
    public Catalog(List<CatalogEntry> entries, Map<String, String> aliases) {
        this.entries = List.copyOf(entries);
        Map<String, CatalogEntry> names = new LinkedHashMap<>();
        entries.forEach(e -> names.put(e.slug().toLowerCase(Locale.ROOT), e));
        aliases.forEach((alias, slug) -> names.put(alias.toLowerCase(Locale.ROOT), names.get(slug.toLowerCase(Locale.ROOT))));
        this.byName = Map.copyOf(names);
    }

    /** The entry named {@code name} (slug or alias, without {@code @}). */
    public Optional<CatalogEntry> find(String name) {
        return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
    }

    public Collection<CatalogEntry> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }
}
