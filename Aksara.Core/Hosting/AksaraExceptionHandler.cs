using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Aksara.Hosting;

/// <summary>
/// Answers Aksara's typed exceptions with RFC 9457 problem responses. Constraint violations name the constraint,
/// table and column (which a client can act on) but never the SQL, the offending values or PostgreSQL's message,
/// which may quote them; connection failures say only that the service is unavailable. Any other exception is left
/// to the next handler.
/// </summary>
internal sealed class AksaraExceptionHandler(IProblemDetailsService problemDetails, ILogger<AksaraExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (ToProblem(exception) is not { } problem)
            return false;

        // .NET 10 no longer logs exceptions an IExceptionHandler handled, so the server-side record is kept here. An
        // outage is logged by the Database once and then in summaries (OutageLog), not once per request.
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            logger.LogDebug("Answered {Method} {Path} with 503: {Message}", httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        else
            logger.LogInformation("Answered {Method} {Path} with {Status}: {Type}", httpContext.Request.Method, httpContext.Request.Path, problem.Status, exception.GetType().Name);

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            // Not passed on: writers and customizers could otherwise copy the exception's text into the body.
            Exception = null,
        }).ConfigureAwait(false);
        // Handled even when no writer accepts the client's Accept header: the status alone is still the right answer,
        // where declining would let the middleware turn it into a generic 500.
        return true;
    }

    // Long enough for a restart or a failover to finish, short enough that clients do not give up on the service.
    private const string RetryAfterSeconds = "5";

    internal static ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        AksaraValueException value => new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Bad Request",
            Detail = $"A value cannot be stored: {value.Rule}.",
            Extensions = { ["target"] = value.Target },
        },
        ValueRejectedException rejected => WithColumn(new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Unprocessable Entity",
            Detail = "A value is too long, out of range or malformed for where it is stored.",
        }, rejected.TableName, rejected.ColumnName),
        // Minimal APIs' own client errors (a malformed JSON body, a missing parameter), thrown in Development.
        BadHttpRequestException badRequest => new ProblemDetails { Status = badRequest.StatusCode, Title = "Bad Request" },
        StatementTimeoutException or ReadOnlyDatabaseException => new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Service Unavailable",
        },
        NotFoundException notFound => new ProblemDetails
        {
            Status = StatusCodes.Status404NotFound,
            Title = "Not Found",
            Detail = notFound.Message,
        },
        UniqueViolationException unique => Constraint(unique, StatusCodes.Status409Conflict, "Conflict",
            "A record with the same unique value already exists."),
        ForeignKeyViolationException foreignKey => Constraint(foreignKey, StatusCodes.Status409Conflict, "Conflict",
            "The record refers to a record that does not exist, or is still referred to by another record."),
        NotNullViolationException notNull => Constraint(notNull, StatusCodes.Status422UnprocessableEntity, "Unprocessable Entity",
            "A required value is missing."),
        CheckViolationException check => Constraint(check, StatusCodes.Status422UnprocessableEntity, "Unprocessable Entity",
            "A value breaks a rule of the data model."),
        AksaraConnectionException => new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Service Unavailable",
        },
        _ => null,
    };

    private static ProblemDetails Constraint(ConstraintViolationException violation, int status, string title, string detail)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (violation.ConstraintName is { } constraint)
            problem.Extensions["constraint"] = constraint;
        return WithColumn(problem, violation.TableName, violation.ColumnName);
    }

    private static ProblemDetails WithColumn(ProblemDetails problem, string? table, string? column)
    {
        if (table is not null)
            problem.Extensions["table"] = table;
        if (column is not null)
            problem.Extensions["column"] = column;
        return problem;
    }
}
