package dev.tintype.curate;

import dev.tintype.format.pypi.Pep440;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A PEP 508 environment marker ({@code python_version < "3.11" and sys_platform == "win32"}),
 * parsed once and evaluated against environments. Version variables compare as PEP 440 versions
 * where both sides parse, else as strings, as {@code packaging} does.
 */
public final class Marker {
  /** The marker variables of PEP 508 (and the legacy {@code extra}). */
  static final Set<String> VARIABLES =
      Set.of(
          "python_version",
          "python_full_version",
          "os_name",
          "sys_platform",
          "platform_release",
          "platform_system",
          "platform_version",
          "platform_machine",
          "platform_python_implementation",
          "implementation_name",
          "implementation_version",
          "extra");

  private sealed interface Node permits And, Or, Compare {}

  private record And(Node a, Node b) implements Node {}

  private record Or(Node a, Node b) implements Node {}

  private record Compare(String left, boolean leftVar, String op, String right, boolean rightVar)
      implements Node {}

  private final String text;
  private final Node root;

  private Marker(String text, Node root) {
    this.text = text;
    this.root = root;
  }

  public static Marker parse(String text) {
    Parser p = new Parser(tokens(text), text);
    Node n = p.or();
    if (p.pos != p.tokens.size()) {
      throw p.error("unexpected '" + p.tokens.get(p.pos) + "'");
    }
    return new Marker(text.strip(), n);
  }

  /**
   * Whether the marker holds in {@code env} (variable to value; an absent variable is ""). {@code
   * extra} is compared by its normalized name.
   */
  public boolean evaluate(Map<String, String> env) {
    return eval(root, env);
  }

  private static boolean eval(Node n, Map<String, String> env) {
    if (n instanceof And a) {
      return eval(a.a(), env) && eval(a.b(), env);
    }
    if (n instanceof Or o) {
      return eval(o.a(), env) || eval(o.b(), env);
    }
    Compare c = (Compare) n;
    String l = c.leftVar() ? env.getOrDefault(c.left(), "") : c.left();
    String r = c.rightVar() ? env.getOrDefault(c.right(), "") : c.right();
    if ("extra".equals(c.left()) || "extra".equals(c.right())) {
      l = normalize(l);
      r = normalize(r);
    }
    switch (c.op()) {
      case "in":
        return r.contains(l);
      case "not in":
        return !r.contains(l);
      default:
        break;
    }
    Optional<Pep440> lv = Pep440.parse(l);
    if (lv.isPresent() && Pep440.parse(r).isPresent() && !c.op().equals("===")) {
      return Specifiers.parse(c.op() + r).matches(l);
    }
    int cmp = l.compareTo(r);
    return switch (c.op()) {
      case "==", "===" -> cmp == 0;
      case "!=" -> cmp != 0;
      case "<" -> cmp < 0;
      case "<=" -> cmp <= 0;
      case ">" -> cmp > 0;
      case ">=" -> cmp >= 0;
      default -> false; // ~= between non-versions: packaging raises; nothing matches here
    };
  }

  private static String normalize(String name) {
    return dev.tintype.format.pypi.ProjectName.normalize(name);
  }

  @Override
  public String toString() {
    return text;
  }

  private static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char ch = text.charAt(i);
      if (Character.isWhitespace(ch)) {
        i++;
      } else if (ch == '(' || ch == ')') {
        out.add(String.valueOf(ch));
        i++;
      } else if (ch == '"' || ch == '\'') {
        int end = text.indexOf(ch, i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("marker '" + text + "': unclosed quote");
        }
        out.add(text.substring(i, end + 1));
        i = end + 1;
      } else if ("<>=!~".indexOf(ch) >= 0) {
        int j = i;
        while (j < text.length() && "<>=!~".indexOf(text.charAt(j)) >= 0) {
          j++;
        }
        out.add(text.substring(i, j));
        i = j;
      } else {
        int j = i;
        while (j < text.length()
            && (Character.isLetterOrDigit(text.charAt(j))
                || text.charAt(j) == '_'
                || text.charAt(j) == '.')) {
          j++;
        }
        if (j == i) {
          throw new IllegalArgumentException("marker '" + text + "': unexpected '" + ch + "'");
        }
        out.add(text.substring(i, j));
        i = j;
      }
    }
    return out;
  }

  private static final class Parser {
    final List<String> tokens;
    final String text;
    int pos;

    Parser(List<String> tokens, String text) {
      this.tokens = tokens;
      this.text = text;
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException("marker '" + text + "': " + what);
    }

    String peek() {
      return pos < tokens.size() ? tokens.get(pos) : null;
    }

    Node or() {
      Node n = and();
      while ("or".equals(peek())) {
        pos++;
        n = new Or(n, and());
      }
      return n;
    }

    Node and() {
      Node n = atom();
      while ("and".equals(peek())) {
        pos++;
        n = new And(n, atom());
      }
      return n;
    }

    Node atom() {
      if ("(".equals(peek())) {
        pos++;
        Node n = or();
        if (!")".equals(peek())) {
          throw error("missing ')'");
        }
        pos++;
        return n;
      }
      String left = value();
      boolean leftVar = VARIABLES.contains(left);
      String op = peek();
      if (op == null) {
        throw error("expected an operator after " + left);
      }
      pos++;
      if (op.equals("not")) {
        if (!"in".equals(peek())) {
          throw error("expected 'in' after 'not'");
        }
        pos++;
        op = "not in";
      } else if (!Set.of("==", "!=", "<", "<=", ">", ">=", "~=", "===", "in").contains(op)) {
        throw error("'" + op + "' is not a marker operator");
      }
      String right = value();
      return new Compare(unquote(left), leftVar, op, unquote(right), VARIABLES.contains(right));
    }

    String value() {
      String t = peek();
      if (t == null) {
        throw error("expected a variable or a quoted string");
      }
      pos++;
      if (t.startsWith("\"") || t.startsWith("'") || VARIABLES.contains(t)) {
        return t;
      }
      throw error("'" + t + "' is neither a marker variable nor a quoted string");
    }

    static String unquote(String t) {
      return t.startsWith("\"") || t.startsWith("'") ? t.substring(1, t.length() - 1) : t;
    }
  }
}
