using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Gateway.Http;
using Actors.Gateway.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace Actors.Gateway.Mcp;

/// <summary>
/// Turns what a tool reads into its MCP result: the JSON the REST API answers, as text and (for an object) structured
/// content; a refusal into a tool error carrying the problem JSON (<c>status</c>, <c>type</c>, <c>title</c>, <c>detail</c>)
/// that REST would answer; a fault into a logged 500 problem. Nothing a tool throws reaches the transport.
/// </summary>
internal sealed class ToolAnswers(ILogger<ToolAnswers> logger)
{
    /// <summary>
    /// JSON as an agent reads it: quotes and apostrophes left as they are (the text is never put into HTML), so a detail
    /// such as "Message 'rewind' needs …" reads as REST answers it.
    /// </summary>
    private static readonly JsonSerializerOptions Readable = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Runs <paramref name="answer"/> for the caller <paramref name="user"/> stands for: the user the request to <c>/mcp</c>
    /// authenticated as, with its token's permissions, exactly as an endpoint's <see cref="Caller.Of"/>.
    /// </summary>
    public async Task<CallToolResult> AnswerAsync(ClaimsPrincipal? user, string tool, Func<Caller, Task<JsonNode?>> answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        try
        {
            var caller = (user is null ? null : Caller.From(user)) ?? throw new InvalidOperationException("An MCP tool ran without the authenticated user of /mcp.");
            return Success(await answer(caller));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (Problems.Of(e) is { } problem)
        {
            if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            {
                logger.LogWarning("Unavailable while serving MCP tool {Tool}: {Reason}", tool, e.InnerException?.Message ?? e.Message);
            }

            return Refusal(problem);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Unhandled error while serving MCP tool {Tool}", tool);
            return Refusal(Problems.Details(StatusCodes.Status500InternalServerError, "The server failed; the error is logged."));
        }
    }

    /// <summary>A successful result: the answer as JSON text, and as structured content when it is an object.</summary>
    public static CallToolResult Success(JsonNode? answer) => new()
    {
        Content = [new TextContentBlock { Text = answer?.ToJsonString(Readable) ?? "null" }],
        StructuredContent = answer is JsonObject ? JsonSerializer.SerializeToElement(answer) : null,
    };

    /// <summary>A tool error carrying <paramref name="problem"/> as JSON, text and structured content alike.</summary>
    public static CallToolResult Refusal(ProblemDetails problem)
    {
        var json = JsonSerializer.SerializeToElement(problem, Readable);
        return new CallToolResult
        {
            IsError = true,
            Content = [new TextContentBlock { Text = json.GetRawText() }],
            StructuredContent = json,
        };
    }
}
