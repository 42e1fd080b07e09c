package dev.opstream.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every value the READMEs' scaling tables name exists in the chart's values.yaml. */
class DocumentedValuesTest {

  private static final Pattern VALUE = Pattern.compile("`([a-zA-Z]+(\\.[a-zA-Z<>{},*\\[\\]]+)+)`");

  @Test
  void theScalingKnobsTheReadmesNameAreValuesOfTheChart() throws IOException {
    JsonNode values = new YAMLMapper().readTree(Path.of("opstream/values.yaml").toFile());
    List<String> named = new ArrayList<>();
    for (Path readme : List.of(Path.of("opstream/README.md"), Path.of("../README.md"))) {
      String text = Files.readString(readme);
      String table = text.substring(text.indexOf("caling knobs"));
      table = table.substring(0, table.indexOf("\n\n", table.indexOf("|---")));
      Matcher matcher = VALUE.matcher(table);
      while (matcher.find()) {
        named.addAll(expand(matcher.group(1)));
      }
    }

    assertThat(named).hasSizeGreaterThan(10);
    for (String name : named) {
      String pointer = "/" + name.replace("[]", "").replace('.', '/');
      assertThat(values.at(pointer).isMissingNode())
          .as("%s is not a value of the chart", name)
          .isFalse();
    }
  }

  /**
   * {@code actuators.<kind>.x} and {@code actuators.{a,b}.x} stand for every kind; {@code .*} for
   * any key.
   */
  private static List<String> expand(String name) {
    List<String> names = new ArrayList<>();
    String stripped = name.replaceAll("\\.\\*$", "");
    if (stripped.contains("<kind>") || stripped.contains("{bucket,redis,cronjob}")) {
      for (String kind : List.of("bucket", "redis", "cronjob")) {
        names.add(stripped.replace("<kind>", kind).replace("{bucket,redis,cronjob}", kind));
      }
    } else {
      names.add(stripped);
    }
    return names;
  }
}
