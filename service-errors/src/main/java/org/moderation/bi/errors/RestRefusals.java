package org.moderation.bi.errors;

import java.util.List;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;

import org.moderation.bi.shared.api.ApiException;

/**
 * The refusals the REST layer makes on its own (no token or a role that may not, no such route, a method, media type
 * or answer type the route does not take): Quarkus' mappers answer them with empty or generic bodies. Resources that
 * refuse something themselves throw an {@link ApiException}, answered here too, so a
 * {@link NotFoundException} here always means that no route matched.
 */
public class RestRefusals {

    private final AllowedMethods allowedMethods;

    public RestRefusals(AllowedMethods allowedMethods) {
        this.allowedMethods = allowedMethods;
    }

    @ServerExceptionMapper
    public Response refused(ApiException e) {
        return Response.status(e.status()).entity(e.error()).build();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return answer(Refusal.unauthenticated(request.getHeader(HttpHeaders.AUTHORIZATION), e));
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        return answer(Refusal.unauthenticated(request.getHeader(HttpHeaders.AUTHORIZATION), e));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return answer(Refusal.forbidden());
    }

    @ServerExceptionMapper
    public Response noRoute(NotFoundException e, HttpServerRequest request) {
        return answer(Refusal.noRoute(request.method().name(), request.path()));
    }

    @ServerExceptionMapper
    public Response methodNotAllowed(NotAllowedException e, HttpServerRequest request) {
        List<String> allowed = allowedMethods.on(request.path());
        return answer(Refusal.methodNotAllowed(request.method().name(), request.path(), allowed));
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e, HttpServerRequest request) {
        return answer(Refusal.unsupportedMediaType(request.getHeader(HttpHeaders.CONTENT_TYPE)));
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, HttpServerRequest request) {
        return answer(Refusal.notAcceptable(request.getHeader(HttpHeaders.ACCEPT)));
    }

    private static Response answer(Refusal refusal) {
        var response = Response.status(refusal.status()).entity(refusal.body());
        refusal.headers().forEach(response::header);
        return response.build();
    }
}
