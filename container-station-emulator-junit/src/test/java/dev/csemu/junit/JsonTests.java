package dev.csemu.junit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JsonTests {

	@Test
	void readsWhatTheControlApiAnswers() {
		Object parsed = Json.parse("""
				[{"time": "2030-01-01T00:00:00Z", "status": 503, "durationMs": 1.5e0, "user": null,
				  "headers": {"user-agent": "curl/8.5"}, "fault": "f-1", "flags": [true, false]}]""");
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("time", "2030-01-01T00:00:00Z");
		entry.put("status", 503L);
		entry.put("durationMs", 1.5);
		entry.put("user", null);
		entry.put("headers", Map.of("user-agent", "curl/8.5"));
		entry.put("fault", "f-1");
		entry.put("flags", List.of(true, false));
		assertThat(parsed).isEqualTo(List.of(entry));
	}

	@Test
	void escapesSurviveARoundTrip() {
		String tricky = "quote \" backslash \\ newline \n tab \t bell \u0007 snow \u2603";
		String written = Json.write(Map.of("value", tricky));
		assertThat(written).doesNotContain("\n").contains("\\u0007");
		assertThat(Json.parse(written)).isEqualTo(Map.of("value", tricky));
	}

	@Test
	void writesNumbersBooleansNullsAndLists() {
		assertThat(Json.write(Arrays.asList(1, 2.5, true, null, List.of()))).isEqualTo("[1,2.5,true,null,[]]");
		assertThat(Json.write(Map.of())).isEqualTo("{}");
	}

	@Test
	void refusesWhatIsNotJson() {
		assertThatIllegalArgumentException().isThrownBy(() -> Json.parse("{\"a\": 1"));
		assertThatIllegalArgumentException().isThrownBy(() -> Json.parse("[1] 2"));
		assertThatIllegalArgumentException().isThrownBy(() -> Json.parse("\"open"));
		assertThatIllegalArgumentException().isThrownBy(() -> Json.parse("<html>"));
	}

}
