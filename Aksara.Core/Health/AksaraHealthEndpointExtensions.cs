using Aksara.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aksara;

public static class AksaraHealthEndpointExtensions
{
    /// <summary>
    /// Maps a health endpoint (GET and HEAD) over every registered health check: 200
    /// <c>{"status":"healthy","database":"connected","latency_ms":1.2}</c> or 503
    /// <c>{"status":"unhealthy","database":"unreachable"}</c> (or <c>timeout</c>, <c>auth_failed</c>). Other checks
    /// appear under <c>checks</c> by name and status only. The body never names the host, user, SQL or an exception.
    /// </summary>
    public static IEndpointConventionBuilder MapAksaraHealth(this IEndpointRouteBuilder endpoints, string pattern = "/health")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapHealthChecks(pattern, new HealthCheckOptions
        {
            ResponseWriter = AksaraHealthResponseWriter.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        })
        .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
        .WithDisplayName("Aksara health");
    }
}
