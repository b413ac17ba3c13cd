package org.moderation.bi.shared.metrics;

import java.util.List;

/**
 * Arithmetic of a derived metric. Exactly one of: a reference to another catalog metric ({@code metric}), a
 * number ({@code constant}), or an operation ({@code op}) over two arguments.
 */
public record Expression(String metric, Double constant, String op, List<Expression> args) {

    public static Expression metric(String key) {
        return new Expression(key, null, null, null);
    }

    public static Expression constant(double value) {
        return new Expression(null, value, null, null);
    }

    public static Expression of(Vocabulary.ArithmeticOp op, Expression left, Expression right) {
        return new Expression(null, null, Vocabulary.jsonName(op), List.of(left, right));
    }
}
