package dev.tintype.pypi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RootIndexTest {
  private final List<String> refused = new ArrayList<>();

  private static InputStream body(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theJsonListGivesNamesWithTheirSerialsAndRefusesAnInvalidName() throws IOException {
    RootIndex r =
        RootIndex.json(
            body(
                "{\"meta\": {\"api-version\": \"1.1\", \"_last-serial\": 9}, \"projects\": ["
                    + "{\"name\": \"Demo.Pkg\", \"_last-serial\": 7},"
                    + "{\"name\": \"no-serial\"},"
                    + "{\"name\": \"../evil\", \"_last-serial\": 8}]}"),
            refused::add);
    assertThat(r.names()).containsOnlyKeys("demo-pkg", "no-serial");
    assertThat(r.names().get("demo-pkg").name()).isEqualTo("Demo.Pkg");
    assertThat(r.serials()).containsEntry("demo-pkg", 7L).containsEntry("no-serial", -1L);
    assertThat(r.withoutSerials()).isFalse();
    assertThat(refused).singleElement().asString().contains("'../evil'");
  }

  @Test
  void theHtmlListGivesNamesWithoutSerials() throws IOException {
    RootIndex r =
        RootIndex.html(
            body(
                "<!DOCTYPE html>\n<html><body>\n<a href=\"/simple/demo-pkg/\">Demo.Pkg</a>\n"
                    + "<a href=\"/simple/b/\">b</a><a href=\"/simple/c/\">c</a>\n</body></html>\n"),
            refused::add);
    assertThat(r.names()).containsOnlyKeys("demo-pkg", "b", "c");
    assertThat(r.withoutSerials()).isTrue();
    assertThat(refused).isEmpty();
  }
}
