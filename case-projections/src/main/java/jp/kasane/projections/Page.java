package jp.kasane.projections;

import java.util.List;

/**
 * One page of a read model (API.md "Lists are paged"): {@code {items, page, size, total}}, where {@code page} is
 * zero-based and {@code total} counts every item matching the query, not only this page's.
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 500;

    public Page {
        items = List.copyOf(items);
    }

    /** Checks paging parameters; the web layer answers 400 before this is reached. */
    public static void check(int page, int size) {
        if (page < 0) {
            throw new IllegalArgumentException("page must be >= 0");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE);
        }
    }

    /** Row offset of a page; long so that a huge page number cannot overflow. */
    public static long offset(int page, int size) {
        return (long) page * size;
    }
}
