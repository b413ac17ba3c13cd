package org.moderation.bi.errors;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole numbers a query or path parameter takes, checked where the parameter is converted ({@link StrictParameters})
 * so that the refusal names the range; without it, the parameter's type is the range.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface Bounds {

    long min() default Long.MIN_VALUE;

    long max() default Long.MAX_VALUE;
}
