package com.hellobooks.web.paging;

import java.util.Map;

import com.hellobooks.web.errors.InvalidRequestException;
import org.springframework.data.domain.Sort;

/**
 * One page of a list, as asked for: how many rows, in which order, after which row.
 * Pages are keyset-based (WHERE (sort key, id) after the cursor's row), so a deep page costs
 * what the first one does, and rows inserted meanwhile neither repeat nor shift the walk.
 *
 * @param after the cursor's row: its value of each sort field, in sort order; null on the first page
 * @param <T> the response record a page of the list holds
 */
public record ListRequest<T>(int limit, Sort sort, Map<String, Object> after, SortOptions<T> sortOptions) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public static <T> ListRequest<T> of(ListParameters parameters, SortOptions<T> sortOptions) {
        Sort sort = sortOptions.parse(parameters.sort());
        Map<String, Object> after = parameters.cursor() == null ? null : Cursors.decode(parameters.cursor(), sort);
        return new ListRequest<>(parseLimit(parameters.limit()), sort, after, sortOptions);
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
