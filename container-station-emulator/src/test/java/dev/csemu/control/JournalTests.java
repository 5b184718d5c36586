package dev.csemu.control;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class JournalTests {

	private static Journal.Entry entry(int i) {
		return new Journal.Entry(Instant.EPOCH.plusSeconds(i), "GET", "/api/v1/system", null, Map.of(), null, 200, 1.0,
				null, null, null);
	}

	@Test
	void journalIsARingThatKeepsTheNewest() {
		Journal journal = new Journal(100, JsonMapper.builder().build());
		for (int i = 0; i < 10_000; i++) {
			journal.record(entry(i));
		}
		assertThat(journal.find(Journal.Filter.ALL).size()).isEqualTo(100);
		assertThat(journal.find(Journal.Filter.ALL).get(0).time()).isEqualTo(Instant.EPOCH.plusSeconds(9_999));
		assertThat(journal.find(Journal.Filter.ALL).get(99).time()).isEqualTo(Instant.EPOCH.plusSeconds(9_900));
	}

	@Test
	void filtersMatchRoutesUnderEveryBasePath() {
		Journal journal = new Journal(10, JsonMapper.builder().build());
		journal.record(entry(1));
		assertThat(journal.find(Journal.Filter.of("get", "/system", null, null)).size()).isEqualTo(1);
		assertThat(journal.find(Journal.Filter.of(null, "/system/**", null, null)).size()).isEqualTo(1);
		assertThat(journal.find(Journal.Filter.of("POST", null, null, null)).size()).isZero();
		assertThat(journal.find(Journal.Filter.of(null, null, null, Instant.EPOCH.plusSeconds(2))).size()).isZero();
	}

}
