package org.moderation.bi.errors;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * Converts whole-number query and path parameters ({@code int}, {@code long} and their boxes) strictly, in the range
 * of their {@link Bounds} (else of their type), refusing anything else with a {@link ParameterRefused} that names the
 * parameter, the value and what it takes: "limit 'abc' is not a whole number between 1 and 500". Quarkus' own
 * conversion turns {@code limit=abc}, {@code limit=2147483648} or {@code limit=1e3} into a 404 "no such route". The
 * services take every other query parameter as a string and say themselves what is wrong with it.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class StrictParameters implements ParamConverterProvider {

    private record Range(long min, long max) {
    }

    private static final Map<Class<?>, Range> WHOLE_NUMBERS = Map.of(
            int.class, new Range(Integer.MIN_VALUE, Integer.MAX_VALUE),
            Integer.class, new Range(Integer.MIN_VALUE, Integer.MAX_VALUE),
            long.class, new Range(Long.MIN_VALUE, Long.MAX_VALUE),
            Long.class, new Range(Long.MIN_VALUE, Long.MAX_VALUE));

    private static final Pattern DIGITS = Pattern.compile("-?[0-9]{1,19}");

    @Override
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        Range range = WHOLE_NUMBERS.get(rawType);
        if (range == null || annotations == null) {
            return null;
        }
        String name = null;
        boolean inPath = false;
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                name = query.value();
            } else if (annotation instanceof PathParam path) {
                name = path.value();
                inPath = true;
            } else if (annotation instanceof Bounds bounds) {
                range = new Range(Math.max(bounds.min(), range.min()), Math.min(bounds.max(), range.max()));
            }
        }
        // Headers, forms, cookies: none of the services takes a number there.
        return name == null ? null
                : converter(rawType == int.class || rawType == Integer.class, name, range, inPath);
    }

    private static <T> ParamConverter<T> converter(boolean isInt, String name, Range range, boolean inPath) {
        String expected = "a whole number between " + range.min() + " and " + range.max();
        return new ParamConverter<>() {
            @Override
            @SuppressWarnings("unchecked")
            public T fromString(String value) {
                if (value == null) {
                    return null;
                }
                long number;
                try {
                    number = DIGITS.matcher(value).matches() ? Long.parseLong(value) : refuse(value);
                } catch (NumberFormatException tooLong) {
                    number = refuse(value);
                }
                if (number < range.min() || number > range.max()) {
                    refuse(value);
                }
                if (isInt) {
                    return (T) Integer.valueOf((int) number);
                }
                return (T) Long.valueOf(number);
            }

            @Override
            public String toString(T value) {
                return String.valueOf(value);
            }

            private long refuse(String value) {
                throw new ParameterRefused(name, value, expected, inPath);
            }
        };
    }
}
