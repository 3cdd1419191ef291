package dev.tintype.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpOpenerTest {
  private final HttpOpener opener = new HttpOpener(() -> null);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080/cran/src/contrib/PACKAGES.gz",
        "https://cran.r-project.org/src/contrib/Archive/a.b/a.b_1.0-1.tar.gz",
        "https://files.example.org/packages/f%2Bg/pkg-1.0%2Blocal-py3-none-any.whl#sha256=ab",
        "https://pypi.example.org/simple/?format=json&x=%20y",
        "https://USER:pa%3Ass@Mirror.Example.ORG:8443/simple/numpy/",
        "https://xn--bcher-kva.example/a/../b/./c",
        "http://[::1]:9000/x",
        "https://h.example",
        "https://h.example//double/slash",
        "https://h.example/%E2%82%AC/caf%C3%A9",
      })
  void aUrlResolvedAgainstItsParsedOriginIsTheUrlParsedWhole(String url) {
    URI uri = URI.create(url);
    HttpUrl whole = HttpUrl.get(uri.toString());
    assertThat(opener.httpUrl(uri)).isEqualTo(whole);
    // A second time, from the origin parsed the first time.
    assertThat(opener.httpUrl(uri)).isEqualTo(whole);
    assertThat(opener.httpUrl(uri).toString()).isEqualTo(whole.toString());
  }
}
