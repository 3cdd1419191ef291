package dev.tintype.format.templates;

import freemarker.cache.ClassTemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The FreeMarker set-up every page writer shares: templates beside a class, UTF-8, the root locale,
 * errors thrown rather than rendered, and HTML auto-escaping for {@code .ftlh} templates.
 */
public final class Templates {
  private final Configuration config;

  /** Templates are loaded from {@code base}'s package. */
  public Templates(Class<?> base) {
    Configuration c = new Configuration(Configuration.VERSION_2_3_35);
    c.setTemplateLoader(new ClassTemplateLoader(base, ""));
    c.setDefaultEncoding("UTF-8");
    c.setLocale(Locale.ROOT);
    c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    c.setLogTemplateExceptions(false);
    c.setWrapUncheckedExceptions(true);
    c.setFallbackOnNullLoopVariable(false);
    c.setAPIBuiltinEnabled(false);
    this.config = c;
  }

  /** Renders {@code template} with {@code model} as UTF-8 into {@code out}, which stays open. */
  public void render(String template, Map<String, Object> model, OutputStream out)
      throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    try {
      config.getTemplate(template).process(model, w);
    } catch (TemplateException e) {
      throw new IOException("rendering " + template + " failed: " + e.getMessage(), e);
    }
    w.flush();
  }

  /**
   * A list of template rows, each made from its item as the template reaches it: a page listing
   * hundreds of thousands of projects does not hold a map for each at once.
   */
  public static <T, R> List<R> rows(List<T> items, Function<T, R> row) {
    return new AbstractList<>() {
      @Override
      public R get(int i) {
        return row.apply(items.get(i));
      }

      @Override
      public int size() {
        return items.size();
      }
    };
  }
}
