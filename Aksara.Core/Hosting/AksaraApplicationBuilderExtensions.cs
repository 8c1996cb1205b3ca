using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Aksara;

public static class AksaraApplicationBuilderExtensions
{
    /// <summary>
    /// Answers Aksara's exceptions (<see cref="NotFoundException"/>, constraint violations, connection failures) with
    /// problem responses. Put it early in the pipeline so that it wraps the endpoints; <see cref="AksaraApp"/> does.
    /// Needs <c>services.AddAksara(...)</c>, which registers the handler and <c>AddProblemDetails</c>. Other exceptions
    /// get ASP.NET Core's generic 500 problem, except bad requests (malformed JSON, a missing required value), which
    /// keep their 400.
    /// </summary>
    public static IApplicationBuilder UseAksaraProblemDetails(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Minimal APIs throw BadHttpRequestException in Development (ThrowOnBadRequest); it must stay a client error.
            StatusCodeSelector = exception => exception is BadHttpRequestException badRequest
                ? badRequest.StatusCode
                : StatusCodes.Status500InternalServerError,
        });
    }
}
