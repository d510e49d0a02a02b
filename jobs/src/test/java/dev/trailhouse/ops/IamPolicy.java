package dev.trailhouse.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The part of IAM's policy evaluation that the policies in conf/emr/iam use: Allow and Deny
 * statements, Action, Resource and Principal with * and ? wildcards, and StringEquals / StringLike
 * conditions (a key missing from the request fails its condition). A policy using anything else
 * (NotAction, NotResource, other operators) is refused, so the test never judges what it cannot
 * read.
 */
final class IamPolicy {
  /** One request: an action on a resource by a principal, with its condition keys. */
  record Request(String action, String resource, String principal, Map<String, String> context) {
    static Request of(String action, String resource, Map<String, String> context) {
      return new Request(action, resource, null, context);
    }

    Request by(String principalArn) {
      return new Request(action, resource, principalArn, context);
    }

    @Override
    public String toString() {
      return action
          + " on "
          + resource
          + (context.isEmpty() ? "" : " " + context)
          + (principal == null ? "" : " by " + principal);
    }
  }

  private static final Set<String> FIELDS =
      Set.of("Sid", "Effect", "Action", "Resource", "Principal", "Condition");
  private static final Set<String> OPERATORS = Set.of("StringEquals", "StringLike");

  private final String name;
  private final JsonNode statements;

  private IamPolicy(String name, JsonNode statements) {
    this.name = name;
    this.statements = statements;
  }

  static IamPolicy read(Path file) throws IOException {
    JsonNode doc = new ObjectMapper().readTree(file.toFile());
    if (!"2012-10-17".equals(doc.path("Version").asText()) || !doc.path("Statement").isArray()) {
      throw new IllegalArgumentException(
          file + ": not a policy document (Version 2012-10-17 and a Statement array)");
    }
    for (JsonNode s : doc.get("Statement")) {
      for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!FIELDS.contains(f)) {
          throw new IllegalArgumentException(
              file + ": statement field " + f + " is not understood by this test");
        }
      }
      for (Iterator<String> it = s.path("Condition").fieldNames(); it.hasNext(); ) {
        String op = it.next();
        if (!OPERATORS.contains(op)) {
          throw new IllegalArgumentException(
              file + ": condition operator " + op + " is not understood by this test");
        }
      }
    }
    return new IamPolicy(file.getFileName().toString(), doc.get("Statement"));
  }

  /** Allowed: an Allow statement matches and no Deny statement does. */
  boolean allows(Request r) {
    boolean allowed = false;
    for (JsonNode s : statements) {
      if (matches(s, r)) {
        if ("Deny".equals(s.get("Effect").asText())) {
          return false;
        }
        allowed |= "Allow".equals(s.get("Effect").asText());
      }
    }
    return allowed;
  }

  String name() {
    return name;
  }

  private static boolean matches(JsonNode s, Request r) {
    return any(s.get("Action"), r.action(), true)
        && any(s.get("Resource"), r.resource(), false)
        && principal(s.get("Principal"), r.principal())
        && conditions(s.path("Condition"), r.context());
  }

  private static boolean principal(JsonNode p, String principal) {
    if (p == null) {
      return principal == null; // an identity policy: the caller is whoever holds it
    }
    if (principal == null) {
      return false;
    }
    return p.isTextual() ? "*".equals(p.asText()) : any(p.get("AWS"), principal, false);
  }

  private static boolean conditions(JsonNode condition, Map<String, String> context) {
    for (Iterator<Map.Entry<String, JsonNode>> ops = condition.fields(); ops.hasNext(); ) {
      Map.Entry<String, JsonNode> op = ops.next();
      boolean like = op.getKey().equals("StringLike");
      for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
        Map.Entry<String, JsonNode> k = keys.next();
        String v = context.get(k.getKey());
        if (v == null) {
          return false;
        }
        boolean hit = false;
        for (String want : values(k.getValue())) {
          hit |= like ? glob(want, false).matcher(v).matches() : want.equals(v);
        }
        if (!hit) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean any(JsonNode patterns, String value, boolean ignoreCase) {
    if (patterns == null) {
      return false;
    }
    for (String p : values(patterns)) {
      if (glob(p, ignoreCase).matcher(value).matches()) {
        return true;
      }
    }
    return false;
  }

  private static List<String> values(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isArray()) {
      n.forEach(v -> out.add(v.asText()));
    } else {
      out.add(n.asText());
    }
    return out;
  }

  private static Pattern glob(String p, boolean ignoreCase) {
    StringBuilder re = new StringBuilder();
    for (char c : p.toCharArray()) {
      re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(re.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
  }
}
