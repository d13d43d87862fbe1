using Mailflow.Api.Views;
using Microsoft.AspNetCore.Http;

namespace Mailflow.Api;

/// <summary>Error answers: always JSON with a stable code and a sentence saying what to do.</summary>
public static class ApiErrors
{
    public static IResult Of(int status, string error, string message) =>
        TypedResults.Json(new ErrorView(error, message), ApiJsonContext.Default.ErrorView, statusCode: status);

    public static IResult BadRequest(string error, string message) => Of(StatusCodes.Status400BadRequest, error, message);

    public static IResult NotFound(string error, string message) => Of(StatusCodes.Status404NotFound, error, message);

    public static IResult Conflict(string error, string message) => Of(StatusCodes.Status409Conflict, error, message);

    /// <summary>Writes an error outside endpoint results (authentication challenges, rate limiting).</summary>
    public static Task WriteAsync(HttpResponse response, int status, string error, string message)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = status;
        return response.WriteAsJsonAsync(new ErrorView(error, message), ApiJsonContext.Default.ErrorView);
    }
}
