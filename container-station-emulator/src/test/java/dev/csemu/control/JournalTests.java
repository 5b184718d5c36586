package dev.csemu.control;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JournalTests {

	private static JournalEntry entry(int i) {
		return new JournalEntry(Instant.EPOCH.plusSeconds(i), "GET", "/api/v1/system", null, Map.of(), null, 200, 1.0,
				null, null, null);
	}

	@Test
	void journalIsARingThatKeepsTheNewest() {
		Journal journal = new Journal(100);
		for (int i = 0; i < 10_000; i++) {
			journal.record(entry(i));
		}
		assertThat(journal.count(Journal.Filter.ALL)).isEqualTo(100);
		assertThat(journal.find(Journal.Filter.ALL).get(0).time()).isEqualTo(Instant.EPOCH.plusSeconds(9_999));
		assertThat(journal.find(Journal.Filter.ALL).get(99).time()).isEqualTo(Instant.EPOCH.plusSeconds(9_900));
	}

	@Test
	void filtersMatchRoutesUnderEveryBasePath() {
		Journal journal = new Journal(10);
		journal.record(entry(1));
		assertThat(journal.count(new Journal.Filter("get", "/system", null, null))).isEqualTo(1);
		assertThat(journal.count(new Journal.Filter(null, "/system/**", null, null))).isEqualTo(1);
		assertThat(journal.count(new Journal.Filter("POST", null, null, null))).isZero();
		assertThat(journal.count(new Journal.Filter(null, null, null, Instant.EPOCH.plusSeconds(2)))).isZero();
	}

}
