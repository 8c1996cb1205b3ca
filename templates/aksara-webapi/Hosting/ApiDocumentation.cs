using Aksara;
using Scalar.AspNetCore;

namespace AksaraWebApi.Hosting;

/// <summary>
/// The OpenAPI document of the endpoints at <c>/openapi/v1.json</c> and an interactive page over it at <c>/scalar</c>,
/// both in Development only: a deployed app does not publish its API description unless you map it yourself.
/// </summary>
public static class ApiDocumentation
{
    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) => services.AddOpenApi();

    public static AksaraApplication MapApiDocumentation(this AksaraApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi();              // /openapi/v1.json
            app.MapScalarApiReference();   // /scalar, which reads that document
        }
        return app;
    }
}
