using Microsoft.OpenApi;

namespace LandMap.Api.Features.Ogc;

/// <summary>
/// Rewrites two shapes ASP.NET writes into OpenAPI 3.0 documents that the format cannot state (Redocly's
/// nullable-type-sibling): a number typed "integer or string or null" with a digits pattern, written as
/// <c>anyOf: [integer, string, {enum: [null]}]</c> (the JSON options read numbers from strings too; the
/// service writes numbers as numbers, so the number is what clients get and may send), and an optional object as <c>oneOf: [{enum: [null]},
/// {$ref}]</c> (a null-only member has no type in 3.0). They become <c>type: integer, nullable: true</c>
/// and <c>allOf: [{$ref}]</c> with <c>type: object, nullable: true</c>.
/// </summary>
internal static class OpenApiNumberSchemas
{
    /// <summary>Rewrites every schema of the document in place: components, parameters, bodies, responses.</summary>
    public static void Simplify(OpenApiDocument doc)
    {
        foreach (var schema in doc.Components?.Schemas?.Values ?? []) Walk(schema);
        foreach (var path in doc.Paths.Values)
        {
            foreach (var operation in path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            {
                foreach (var parameter in operation.Parameters ?? []) Walk(parameter.Schema);
                foreach (var media in operation.RequestBody?.Content?.Values ?? []) Walk(media.Schema);
                foreach (var response in operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
                    foreach (var media in response.Content?.Values ?? []) Walk(media.Schema);
            }
        }
    }

    private static void Walk(IOpenApiSchema? candidate)
    {
        // References are walked where they are defined (components), once.
        if (candidate is not OpenApiSchema schema) return;
        Rewrite(schema);
        foreach (var property in schema.Properties?.Values ?? []) Walk(property);
        Walk(schema.Items);
        Walk(schema.AdditionalProperties);
        foreach (var member in (schema.AllOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.OneOf ?? [])) Walk(member);
    }

    private static void Rewrite(OpenApiSchema schema)
    {
        var nullable = RemoveNullMembers(schema.AnyOf) | RemoveNullMembers(schema.OneOf);
        // Integer or number, read from a string too (the type flags, which the 3.0 writer spells as
        // anyOf): the number it stands for.
        if (schema.Type is { } flags && flags.HasFlag(JsonSchemaType.String)
            && (flags.HasFlag(JsonSchemaType.Integer) || flags.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = flags & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        if (nullable) NullableSingle(schema);
        if (nullable && schema.Type is { } type) schema.Type = type | JsonSchemaType.Null;
    }

    /// <summary>Drops the members that are null alone (<c>{enum: [null]}</c>, no other type); true when there were any.</summary>
    private static bool RemoveNullMembers(IList<IOpenApiSchema>? members)
    {
        if (members is null) return false;
        var removed = false;
        for (var i = members.Count - 1; i >= 0; i--)
        {
            if (members[i] is OpenApiSchema { Type: JsonSchemaType.Null } or OpenApiSchema { Type: null, Enum: [null] })
            {
                members.RemoveAt(i);
                removed = true;
            }
        }
        return removed;
    }

    /// <summary>A nullable choice left with one member: that member, typed (a reference is wrapped in allOf).</summary>
    private static void NullableSingle(OpenApiSchema schema)
    {
        var single = schema.OneOf is { Count: 1 } oneOf ? oneOf : schema.AnyOf is { Count: 1 } anyOf ? anyOf : null;
        if (single is null || schema.Type is not null) return;
        var member = single[0];
        schema.OneOf = null;
        schema.AnyOf = null;
        if (member is OpenApiSchemaReference reference)
        {
            schema.AllOf = [reference];
            schema.Type = reference.Type ?? JsonSchemaType.Object;
        }
        else if (member is OpenApiSchema inline)
        {
            schema.AllOf = [inline];
            schema.Type = inline.Type;
        }
    }
}
