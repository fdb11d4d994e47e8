package com.hellobooks.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The loop must say exactly what the firewall's default expressions say, whatever the text. */
class HeaderCharactersTest {

    private static final Pattern FIREWALL_NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern FIREWALL_VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @ParameterizedTest
    @ValueSource(strings = { "", "application/json", "\"8e03978e-40d5\"", "a\tb", "a\nb", "a\rb", "\u0000", "\u007f", "\u0085",
            "caf\u00e9", "\u0378 unassigned", "\ud83d\udcda books", "\ud83d lone high", "lone low \udcda", "\u00a0", "\ufffe",
            "\t", "x\u001fy", "\u200b", "\uffff" })
    void sameAnswerAsTheFirewallsExpressions(String text) {
        assertThat(HeaderCharacters.allowedInName(text)).isEqualTo(FIREWALL_NAMES.matcher(text).matches());
        assertThat(HeaderCharacters.allowedInValue(text)).isEqualTo(FIREWALL_VALUES.matcher(text).matches());
    }

    @Test
    void everyCodePointAloneGetsTheFirewallsAnswer() {
        List<String> differences = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            String text = new String(Character.toChars(c));
            if (HeaderCharacters.allowedInName(text) != FIREWALL_NAMES.matcher(text).matches()
                    || HeaderCharacters.allowedInValue(text) != FIREWALL_VALUES.matcher(text).matches()) {
                differences.add(String.format("U+%04X", c));
            }
        }
        assertThat(differences).isEmpty();
    }
}
