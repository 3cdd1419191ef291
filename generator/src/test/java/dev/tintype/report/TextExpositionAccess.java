package dev.tintype.report;

import java.util.Map;

/** Lets tests of other packages use the strict parser. */
public final class TextExpositionAccess {
  private TextExpositionAccess() {}

  public static Map<String, Map<String, Double>> samples(String text) {
    return TextExposition.parse(text).samples();
  }
}
