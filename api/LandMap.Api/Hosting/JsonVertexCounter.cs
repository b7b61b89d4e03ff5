using System.Text.Json;
using LandMap.Api.Problems;

namespace LandMap.Api.Hosting;

/// <summary>
/// Counts the positions of a JSON body's GeoJSON <c>coordinates</c> as its bytes arrive (a
/// <see cref="Utf8JsonReader"/> fed chunk by chunk, building nothing), so a body with more vertices
/// than <see cref="RequestLimits.MaxQueryVertices"/> is refused while it is read, before any
/// document or geometry is built from it: building one costs many times the body's size.
/// </summary>
public sealed class JsonVertexCounter(RequestLimits limits)
{
    private readonly int max = limits.MaxQueryVertices;
    private JsonReaderState state = new(new JsonReaderOptions { MaxDepth = limits.JsonMaxDepth });
    private byte[] carry = [];  // the unread tail of the last chunk (a token cut in two)
    private int coordinatesDepth = -1; // depth of the "coordinates" array being read, or -1
    private bool nextIsCoordinates;
    private bool afterStartArray;
    private bool broken; // not JSON: counting stops; the parser says what is wrong

    /// <summary>Positions seen so far.</summary>
    public long Positions { get; private set; }

    /// <summary>Reads the next chunk of the body.</summary>
    /// <exception cref="LimitExceededException">413 naming <c>body</c> and MaxQueryVertices.</exception>
    public void Feed(ReadOnlySpan<byte> chunk)
    {
        if (broken) return;
        ReadOnlySpan<byte> data;
        byte[]? joined = null;
        if (carry.Length == 0) data = chunk;
        else
        {
            joined = new byte[carry.Length + chunk.Length];
            carry.CopyTo(joined, 0);
            chunk.CopyTo(joined.AsSpan(carry.Length));
            data = joined;
        }
        var consumed = Read(data);
        // A single token longer than what is carried grows the carry: bounded by the body's size limit.
        carry = data[consumed..].ToArray();
    }

    private int Read(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data, isFinalBlock: false, state);
        try
        {
            while (reader.Read()) Token(ref reader);
        }
        catch (JsonException)
        {
            broken = true;
            return data.Length;
        }
        state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    private void Token(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.PropertyName:
                nextIsCoordinates = coordinatesDepth < 0 && reader.ValueTextEquals("coordinates"u8);
                afterStartArray = false;
                return;
            case JsonTokenType.StartArray:
                if (nextIsCoordinates) coordinatesDepth = reader.CurrentDepth;
                nextIsCoordinates = false;
                afterStartArray = true;
                return;
            case JsonTokenType.Number when afterStartArray && coordinatesDepth >= 0:
                // The first number of an array inside "coordinates" opens a position.
                if (++Positions > max) throw TooMany(max);
                break;
            case JsonTokenType.EndArray when reader.CurrentDepth == coordinatesDepth:
                coordinatesDepth = -1;
                break;
        }
        nextIsCoordinates = false;
        afterStartArray = false;
    }

    private static LimitExceededException TooMany(int max)
    {
        var setting = RequestLimits.Name(nameof(RequestLimits.MaxQueryVertices));
        return new("body", setting, max,
            $"the body's geometry has more than {max} vertices ({setting}); it was refused while it arrived",
            StatusCodes.Status413PayloadTooLarge);
    }
}
