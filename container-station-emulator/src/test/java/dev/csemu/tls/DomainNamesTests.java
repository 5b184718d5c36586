package dev.csemu.tls;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code domain_names} syntax: DNS host names and IP literals, comma-separated.
 */
class DomainNamesTests {

	@Test
	void entriesAreSplitOnCommasAndTrimmed() {
		assertThat(DomainNames.parse(" a.example.com ,10.0.0.5,  ::1")).containsExactly("a.example.com", "10.0.0.5",
				"::1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "\t" })
	void blankClearsTheList(String value) {
		assertThat(DomainNames.parse(value)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "nas", "user.myqnapcloud.com", "a-b.c0.example", "xn--bcher-kva.example", "1nas.example",
			"127.0.0.1", "10.0.0.255", "255.255.255.255", "::", "::1", "fe80::1", "2001:db8::8a2e:370:7334",
			"2001:0db8:0000:0000:0000:ff00:0042:8329", "::ffff:192.0.2.1", "64:ff9b::192.0.2.33", "1:2:3:4:5:6:7::",
			"1:2:3:4:5:6:192.0.2.1" })
	void hostNamesAndAddressLiteralsAreAccepted(String entry) {
		assertThat(DomainNames.parse(entry)).containsExactly(entry);
	}

	@Test
	void aLabelOf63CharactersAndANameOf253AreAccepted() {
		String label = "a".repeat(63);
		String name = String.join(".", label, label, label, "b".repeat(61));
		assertThat(name).hasSize(253);
		assertThat(DomainNames.parse(name)).containsExactly(name);
	}

	@ParameterizedTest
	@ValueSource(strings = { "-nas.example.com", "nas-.example.com", "na_s.example.com", "nas..example.com",
			".example.com", "example.com.", "*.example.com", "nas example", "10.0.0.256", "10.0.0", "010.0.0.1",
			"1.2.3.4.5", "12345", "::1::", ":::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "2001:db8::g", "fe80::1%eth0",
			"[::1]", "12345::", "00001::", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.256", "http://nas.example",
			"nas.example.com:2376" })
	void aBadEntryIsRefusedByName(String entry) {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> DomainNames.parse("ok.example.com," + entry))
			.withMessageContaining("\"" + entry + "\"");
	}

	@Test
	void anEmptyEntryBetweenCommasIsRefused() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> DomainNames.parse("a.example.com,,b"))
			.withMessageContaining("entry \"\"");
	}

	@Test
	void aLabelOf64CharactersOrANameOver253AreRefused() {
		String label = "a".repeat(63);
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> DomainNames.parse("a".repeat(64) + ".com"));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> DomainNames.parse(String.join(".", label, label, label, "b".repeat(62))));
	}

	@Test
	void atMost32EntriesAreAllowed() {
		assertThat(DomainNames.parse(String.join(",", Collections.nCopies(32, "nas.example.com")))).hasSize(32);
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> DomainNames.parse(String.join(",", Collections.nCopies(33, "nas.example.com"))))
			.withMessageContaining("33 entries")
			.withMessageContaining("at most 32");
	}

	@Test
	void addressLiteralsConvertWithoutLookup() {
		assertThat(DomainNames.toAddress("10.0.0.5").getHostAddress()).isEqualTo("10.0.0.5");
		assertThat(DomainNames.toAddress("::1").isLoopbackAddress()).isTrue();
		assertThat(List.of("nas", "nas.example.com")).noneMatch(DomainNames::isIpLiteral);
	}

}
