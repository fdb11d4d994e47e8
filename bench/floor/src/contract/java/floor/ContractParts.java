package floor;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * What the API contract makes every GET and POST of Hello Books carry, as Hello Books
 * configures it, and none of its own code: Spring Security's chain without a token
 * (SecurityConfiguration's open chain: the firewall and the headers, no observations), and
 * the genres of a book aggregated in its one SELECT (BookQueries). The actuator and its
 * Prometheus registry come with the profile's dependencies, set up as Hello Books sets them up
 * (application.properties beside this).
 */
@Configuration(proxyBeanMethods = false)
class ContractParts {

    record BookWithGenres(long id, String title, String description, Long authorId, String author, List<Genre> genres) {
    }

    record Genre(long id, String name) {
    }

    @Bean
    static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain openChain(HttpSecurity http) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .cors(AbstractHttpConfigurer::disable)
                .headers(headers -> headers.cacheControl(cache -> cache.disable())
                        .withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                            @Override
                            public <O extends HeaderWriterFilter> O postProcess(O filter) {
                                filter.setShouldWriteHeadersEagerly(true);
                                return filter;
                            }
                        }))
                // no authorization rules: without a token Hello Books' chain has none either
                .anonymous(AbstractHttpConfigurer::disable)
                .servletApi(AbstractHttpConfigurer::disable)
                .securityContext(AbstractHttpConfigurer::disable)
                .exceptionHandling(AbstractHttpConfigurer::disable)
                .sessionManagement(AbstractHttpConfigurer::disable)
                .build();
    }

    /** BookQueries.SELECT_BOOKS for one book: keep the two in step. */
    @Bean
    @Primary
    static FloorApplication.BookReader bookWithAuthorAndGenres(JdbcClient jdbc) {
        return id -> jdbc.sql("""
                SELECT b.id, b.title, b.description, b.author_id, a.name, g.ids, g.names
                FROM book b
                LEFT JOIN author a ON a.id = b.author_id
                LEFT JOIN LATERAL (
                    SELECT array_agg(g.id ORDER BY g.id) AS ids, array_agg(g.name ORDER BY g.id) AS names,
                           array_agg(g.version ORDER BY g.id) AS versions
                    FROM book_genre bg JOIN genre g ON g.id = bg.genre_id
                    WHERE bg.book_id = b.id) g ON true
                WHERE b.id = ?""")
                .param(id)
                .query((row, n) -> new BookWithGenres(row.getLong(1), row.getString(2), row.getString(3),
                        row.getObject(4, Long.class), row.getString(5), genres(row.getArray(6), row.getArray(7))))
                .single();
    }

    private static List<Genre> genres(Array ids, Array names) throws SQLException {
        if (ids == null) {
            return List.of();
        }
        Long[] id = (Long[]) ids.getArray();
        String[] name = (String[]) names.getArray();
        List<Genre> genres = new ArrayList<>(id.length);
        for (int i = 0; i < id.length; i++) {
            genres.add(new Genre(id[i], name[i]));
        }
        return genres;
    }
}
