package io.github.mlxlm.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code mlxlm.base-url} is a valid load-balanced URL
 * ({@code lb://service-id/...}): the servers are then found by service discovery and
 * chosen per request.
 *
 * @author mlxlm developers
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnLoadBalancedBaseUrlCondition.class)
public @interface ConditionalOnLoadBalancedBaseUrl {

}
