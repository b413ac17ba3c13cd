package org.moderation.bi.errors;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

/**
 * Which methods the service's resources take on a path, for the {@code Allow} header a 405 must carry: Quarkus REST
 * refuses the method without saying which ones would do. Read once from the resources' annotations, when the first
 * 405 is answered.
 */
@ApplicationScoped
public class AllowedMethods {

    private record Route(Pattern path, String method) {
    }

    private final BeanManager beans;
    private volatile List<Route> routes;

    public AllowedMethods(BeanManager beans) {
        this.beans = beans;
    }

    public List<String> on(String path) {
        var allowed = new TreeSet<String>();
        routes().stream().filter(route -> route.path().matcher(path).matches()).forEach(r -> allowed.add(r.method()));
        return List.copyOf(allowed);
    }

    private List<Route> routes() {
        if (routes == null) {
            var found = new ArrayList<Route>();
            Set<Bean<?>> all = beans.getBeans(Object.class, Any.Literal.INSTANCE);
            for (Bean<?> bean : all) {
                Class<?> resource = bean.getBeanClass();
                Path root = resource.getAnnotation(Path.class);
                if (root == null || resource.isInterface()) {
                    continue;
                }
                for (Method method : resource.getMethods()) {
                    String http = httpMethod(method);
                    if (http != null) {
                        Path sub = method.getAnnotation(Path.class);
                        found.add(new Route(template(root.value() + (sub == null ? "" : "/" + sub.value())), http));
                    }
                }
            }
            routes = List.copyOf(found);
        }
        return routes;
    }

    private static String httpMethod(Method method) {
        for (var annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** A JAX-RS path template as a pattern: {@code {name}} one segment, {@code {name: regex}} its regex. */
    private static Pattern template(String path) {
        var regex = new StringBuilder();
        String normalized = ("/" + path).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
        int i = 0;
        while (i < normalized.length()) {
            int open = normalized.indexOf('{', i);
            if (open < 0) {
                regex.append(Pattern.quote(normalized.substring(i)));
                break;
            }
            regex.append(Pattern.quote(normalized.substring(i, open)));
            int close = normalized.indexOf('}', open);
            String parameter = normalized.substring(open + 1, close);
            int colon = parameter.indexOf(':');
            regex.append(colon < 0 ? "[^/]+" : "(?:" + parameter.substring(colon + 1).trim() + ")");
            i = close + 1;
        }
        return Pattern.compile(regex + "/?");
    }
}
