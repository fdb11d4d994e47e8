package com.hellobooks.web;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;

/**
 * One page of a list, as asked for: how many rows, in which order, after which row.
 * Pages are keyset-based (WHERE (sort key, id) after the cursor's row), so a deep page costs
 * what the first one does, and rows inserted meanwhile neither repeat nor shift the walk.
 */
public record ListRequest(int limit, Sort sort, ScrollPosition position) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public static ListRequest of(ListParameters parameters, SortOptions sortOptions) {
        Sort sort = sortOptions.parse(parameters.sort());
        ScrollPosition position = parameters.cursor() == null
                ? ScrollPosition.keyset()
                : Cursors.decode(parameters.cursor(), sort);
        return new ListRequest(parseLimit(parameters.limit()), sort, position);
    }

    /**
     * The list's filter, plus a bound on the leading sort key that the keyset condition
     * already implies. Spring Data writes "after the cursor" as
     * {@code title > :t OR (title = :t AND id > :id)}, which PostgreSQL cannot start an index
     * scan from; the added {@code title >= :t} (or {@code <=} when descending) lets the
     * (title, id) index begin at the cursor, so a page deep in the list reads one page of rows.
     */
    public <T> Specification<T> narrow(Specification<T> filter) {
        Sort.Order leading = sort.iterator().next();
        if (!(position instanceof KeysetScrollPosition keyset) || keyset.isInitial() || leading.getProperty().equals("id")) {
            return filter;
        }
        String value = (String) keyset.getKeys().get(leading.getProperty());
        Specification<T> bound = leading.isAscending()
                ? (root, query, cb) -> cb.greaterThanOrEqualTo(root.get(leading.getProperty()), value)
                : (root, query, cb) -> cb.lessThanOrEqualTo(root.get(leading.getProperty()), value);
        return filter.and(bound);
    }

    private static int parseLimit(String raw) {
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(raw.trim());
        } catch (NumberFormatException notANumber) {
            throw new InvalidRequestException("limit", "must be an integer from 1 to " + MAX_LIMIT);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit", "must be an integer from 1 to " + MAX_LIMIT);
        }
        return limit;
    }
}
