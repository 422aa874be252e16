using System.Globalization;
using Actors.Abstractions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;

namespace Actors.Gateway.OpenApi;

/// <summary>
/// Completes every operation from its endpoint's metadata (<see cref="OpenApiDescriptions"/>): the parameters, body and
/// answers it declares, every 4xx and 5xx as the shared problem answer, the id's pattern, and <c>security: []</c> on
/// an endpoint that needs no token. An operation without a summary is marked <c>x-undescribed</c>, which the tests refuse.
/// </summary>
internal sealed class OperationDescriber : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        Describe(operation, context.Description.ActionDescriptor.EndpointMetadata, context.Document ?? throw new InvalidOperationException("The operation has no document."));
        return Task.CompletedTask;
    }

    /// <summary>Completes <paramref name="operation"/> from its endpoint's <paramref name="metadata"/>.</summary>
    public static void Describe(OpenApiOperation operation, IList<object> metadata, OpenApiDocument document)
    {

        operation.Parameters ??= [];
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Path))
        {
            parameter.Description ??= parameter.Name == "id"
                ? $"The actor id: 1-{ActorKey.MaxIdLength} characters of A-Z a-z 0-9 - _ . :"
                : $"The {parameter.Name}.";
            if (parameter.Name == "id")
            {
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = $"^[A-Za-z0-9._:-]{{1,{ActorKey.MaxIdLength}}}$" };
            }
        }

        foreach (var parameter in metadata.OfType<OpenApiParameterMetadata>())
        {
            operation.Parameters.Add(OpenApiJson.Parse<OpenApiParameter>(parameter.Parameter, document));
        }

        if (operation.Parameters.Count == 0)
        {
            operation.Parameters = null;
        }

        if (metadata.OfType<OpenApiBodyMetadata>().LastOrDefault() is { } body)
        {
            operation.RequestBody = OpenApiJson.Parse<OpenApiRequestBody>(body.RequestBody, document);
        }

        operation.Responses ??= [];
        foreach (var answer in metadata.OfType<OpenApiAnswerMetadata>())
        {
            operation.Responses[answer.Status.ToString(CultureInfo.InvariantCulture)] = OpenApiJson.Parse<OpenApiResponse>(answer.Response, document);
        }

        var answered = metadata.OfType<OpenApiAnswerMetadata>().Select(a => a.Status.ToString(CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);
        foreach (var status in operation.Responses.Keys.ToList())
        {
            if (status[0] is '4' or '5' && !answered.Contains(status) && ProblemAnswers.Name(status) is { } name)
            {
                operation.Responses[status] = new OpenApiResponseReference(name, document);
            }
        }

        var anonymous = !metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<IAllowAnonymous>().Any();
        if (anonymous)
        {
            // Overrides the document's bearer requirement: anyone may call it.
            operation.Security = [];
        }

        if (string.IsNullOrEmpty(operation.Summary))
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions["x-undescribed"] = new JsonNodeExtension(true);
        }
    }

    /// <summary>
    /// An operation for an endpoint ApiExplorer leaves out (a plain request delegate, as <c>MapHealthChecks</c> maps),
    /// from the same metadata: <c>WithTags</c>, <c>WithName</c>, <c>WithSummary</c>, <c>WithDescription</c> and the rest.
    /// </summary>
    public static OpenApiOperation FromMetadata(EndpointMetadataCollection metadata, OpenApiDocument document)
    {
        var operation = new OpenApiOperation
        {
            OperationId = metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName,
            Summary = metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary,
            Description = metadata.GetMetadata<IEndpointDescriptionMetadata>()?.Description,
            Responses = [],
        };
        var tags = metadata.GetOrderedMetadata<ITagsMetadata>().SelectMany(t => t.Tags).ToList();
        if (tags.Count > 0)
        {
            operation.Tags = new HashSet<OpenApiTagReference>(tags.Select(t => new OpenApiTagReference(t, document)));
        }

        Describe(operation, [.. metadata], document);
        return operation;
    }
}
