package dev.csemu.control;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class JournalTests {

	private static TrafficFilter.Entry entry(int i) {
		return new TrafficFilter.Entry(Instant.EPOCH.plusSeconds(i), "GET", "/api/v1/system", null, Map.of(), null, 200,
				1.0, null, null, null);
	}

	@Test
	void journalIsARingThatKeepsTheNewest() {
		TrafficFilter journal = new TrafficFilter(100, JsonMapper.builder().build(), Clock.systemUTC(),
				new SimpleMeterRegistry());
		for (int i = 0; i < 10_000; i++) {
			journal.record(entry(i));
		}
		assertThat(journal.find(TrafficFilter.Match.ALL).size()).isEqualTo(100);
		assertThat(journal.find(TrafficFilter.Match.ALL).get(0).time()).isEqualTo(Instant.EPOCH.plusSeconds(9_999));
		assertThat(journal.find(TrafficFilter.Match.ALL).get(99).time()).isEqualTo(Instant.EPOCH.plusSeconds(9_900));
	}

	@Test
	void filtersMatchRoutesUnderEveryBasePath() {
		TrafficFilter journal = new TrafficFilter(10, JsonMapper.builder().build(), Clock.systemUTC(),
				new SimpleMeterRegistry());
		journal.record(entry(1));
		assertThat(journal.find(TrafficFilter.Match.of("get", "/system", null, null)).size()).isEqualTo(1);
		assertThat(journal.find(TrafficFilter.Match.of(null, "/system/**", null, null)).size()).isEqualTo(1);
		assertThat(journal.find(TrafficFilter.Match.of("POST", null, null, null)).size()).isZero();
		assertThat(journal.find(TrafficFilter.Match.of(null, null, null, Instant.EPOCH.plusSeconds(2))).size())
			.isZero();
	}

}
