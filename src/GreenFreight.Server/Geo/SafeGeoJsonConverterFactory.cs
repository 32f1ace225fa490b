using System.Text.Json;
using System.Text.Json.Serialization;
using NetTopologySuite.IO.Converters;

namespace GreenFreight.Server.Geo;

/// <summary>
/// GeoJSON for the API, where any geometry the reader cannot accept (an unclosed ring, a LineString where a Point is
/// expected, too few positions) becomes a <see cref="JsonException"/> with its path, so the client gets a 400 naming
/// the field instead of a 500.
/// </summary>
public sealed class SafeGeoJsonConverterFactory : JsonConverterFactory
{
    readonly GeoJsonConverterFactory _inner = new();

    public override bool CanConvert(Type typeToConvert) => _inner.CanConvert(typeToConvert);

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter?)Activator.CreateInstance(typeof(Safe<>).MakeGenericType(typeToConvert));

    sealed class Safe<T> : JsonConverter<T>
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            try
            {
                // Read into a document first so that a converter of the wrong geometry type cannot leave the reader mid-object.
                using var doc = JsonDocument.ParseValue(ref reader);
                var value = doc.RootElement.Deserialize(typeof(NetTopologySuite.Geometries.Geometry), WithoutSelf(options));
                return value is null ? default : value is T t ? t : throw new JsonException($"GeoJSON {((NetTopologySuite.Geometries.Geometry)value).GeometryType} is not a {typeof(T).Name}.");
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or InvalidCastException or IndexOutOfRangeException or NetTopologySuite.Geometries.TopologyException)
            {
                throw new JsonException(ex.Message, ex);
            }
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            if (value is NetTopologySuite.Geometries.Geometry g) JsonSerializer.Serialize(writer, g, WithoutSelf(options));
            else JsonSerializer.Serialize(writer, (object?)value, WithoutSelf(options));
        }

        static JsonSerializerOptions? _plain;

        static JsonSerializerOptions WithoutSelf(JsonSerializerOptions options)
        {
            if (_plain is not null) return _plain;
            var o = new JsonSerializerOptions(options);
            for (var i = o.Converters.Count - 1; i >= 0; i--)
                if (o.Converters[i] is SafeGeoJsonConverterFactory) o.Converters.RemoveAt(i);
            o.Converters.Add(new GeoJsonConverterFactory());
            return _plain = o;
        }
    }
}
