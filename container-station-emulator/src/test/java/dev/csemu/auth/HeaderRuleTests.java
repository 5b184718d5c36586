package dev.csemu.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.springframework.security.web.firewall.StrictHttpFirewall;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The firewall's header rule without a regular expression decides exactly as Spring's
 * default predicates do, over every character and over random texts.
 */
class HeaderRuleTests {

	@Test
	void namesAndValuesAreJudgedAsSpringJudgesThem() {
		List<String> texts = new ArrayList<>(List.of("", "Host", "x-a\tb", "caf\u00e9", "\uD83D\uDE00", "\uD800",
				"a\uDC00b", "\u0085", "\u00a0", "\u0378"));
		for (int codePoint = 0; codePoint <= 0x10FFFF; codePoint += (codePoint < 0x30000) ? 1 : 251) {
			texts.add(new String(Character.toChars(codePoint)));
		}
		Random random = new Random(9);
		for (int i = 0; i < 20_000; i++) {
			StringBuilder text = new StringBuilder();
			for (int n = random.nextInt(12); n > 0; n--) {
				text.append((char) (random.nextBoolean() ? random.nextInt(0x100) : random.nextInt(0x10000)));
			}
			texts.add(text.toString());
		}
		for (String text : texts) {
			assertThat(AuthConfiguration.assignedAndNotControl(text, false)).as("name %s", text.codePoints().toArray())
				.isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(text));
			assertThat(AuthConfiguration.assignedAndNotControl(text, true)).as("value %s", text.codePoints().toArray())
				.isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(text));
		}
	}

}
