using System.Collections;
using System.Collections.Concurrent;
using DataAccessBroker.Contracts.V1;
using DataAccessBroker.Domain.Errors;
using Google.Api;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace DataAccessBroker.Server.Mapping;

/// <summary>
/// The bounds every request is held to before any service sees it, read from the contract itself: each input string
/// and repeated field carries its maximum (<c>dataaccess.v1.max_length</c>, <c>max_items</c>) and whether it takes
/// line breaks (<c>multiline</c>), see protos/dataaccess/v1/limits.proto. Text with control characters (NUL
/// above all, which PostgreSQL cannot store) or over its length, and lists over their size, are INVALID_ARGUMENT
/// naming the field. The elements of an oversized list are not looked at: the work stays bounded whatever was sent.
/// Output-only fields are skipped, as the services ignore them. (Invalid UTF-8 never gets this far: it fails to
/// decode, see <see cref="Errors.DecodingServiceMethodProvider{TService}"/>.)
/// </summary>
public static class RequestLimits
{
    /// <summary>Where the contract names no bound (a test keeps every request field annotated).</summary>
    public const int DefaultMaxLength = 1000, DefaultMaxItems = 100;

    public static void Check(IMessage request)
    {
        var violations = new List<FieldViolation>();
        Walk(request, "", violations);
        if (violations.Count > 0) throw new InvalidInputException(violations);
    }

    /// <summary>Whether a field is one a client writes (not output-only).</summary>
    public static bool IsInput(FieldDescriptor field) =>
        field.GetOptions()?.GetExtension(FieldBehaviorExtensions.FieldBehavior)?.Contains(FieldBehavior.OutputOnly) != true;

    public static int? MaxLength(FieldDescriptor field) =>
        field.GetOptions() is { } options && options.HasExtension(LimitsExtensions.MaxLength) ? options.GetExtension(LimitsExtensions.MaxLength) : null;

    public static int? MaxItems(FieldDescriptor field) =>
        field.GetOptions() is { } options && options.HasExtension(LimitsExtensions.MaxItems) ? options.GetExtension(LimitsExtensions.MaxItems) : null;

    /// <summary>A field's bounds, read from its options once per field: reading options clones them.</summary>
    private sealed record Bounds(FieldDescriptor Field, int MaxLength, int MaxItems, bool Multiline);

    private static readonly ConcurrentDictionary<MessageDescriptor, Bounds[]> InputFields = new();

    private static Bounds[] InputFieldsOf(MessageDescriptor message) => InputFields.GetOrAdd(message, m =>
        // Only what can hold text or more fields: reading a number would only box it.
        m.Fields.InFieldNumberOrder().Where(f => IsInput(f) && (f.IsRepeated || f.FieldType is FieldType.String or FieldType.Message))
            .Select(f => new Bounds(f, MaxLength(f) ?? DefaultMaxLength, MaxItems(f) ?? DefaultMaxItems,
                f.GetOptions()?.GetExtension(LimitsExtensions.Multiline) == true))
            .ToArray());

    private static void Walk(IMessage message, string path, List<FieldViolation> violations)
    {
        foreach (var bounds in InputFieldsOf(message.Descriptor))
        {
            var field = bounds.Field;
            var value = field.Accessor.GetValue(message);
            if (field.IsRepeated)
            {
                var items = field.IsMap ? ((IDictionary)value).Values : (ICollection)value;
                if (items.Count > bounds.MaxItems)
                {
                    violations.Add(new(NameOf(path, field), $"at most {bounds.MaxItems} elements; {items.Count} given"));
                    continue;
                }

                var i = 0;
                foreach (var item in items) Check(item, path, bounds, i++, violations);
            }
            else if (field.FieldType is FieldType.String || (field.FieldType is FieldType.Message && value is not null))
            {
                Check(value, path, bounds, null, violations);
            }
        }
    }

    /// <summary>Checks a value; its field path is only spelled out for a violation or a nested message.</summary>
    private static void Check(object? value, string path, Bounds bounds, int? index, List<FieldViolation> violations)
    {
        string Name() => index is { } i ? $"{NameOf(path, bounds.Field)}[{i}]" : NameOf(path, bounds.Field);
        switch (value)
        {
            case string text when text.Length > bounds.MaxLength:
                violations.Add(new(Name(), $"at most {bounds.MaxLength} characters; {text.Length} given"));
                break;
            case string text when FirstControl(text, bounds.Multiline) is var at and >= 0:
                violations.Add(new(Name(), $"must not contain control characters (U+{(int)text[at]:X4})" +
                    (bounds.Multiline ? "; tabs and line breaks are allowed" : "")));
                break;
            case IMessage nested:
                Walk(nested, Name(), violations);
                break;
        }
    }

    private static string NameOf(string path, FieldDescriptor field) => path.Length == 0 ? field.Name : $"{path}.{field.Name}";

    /// <summary>Where the first character no field may hold is, or -1: tab and line breaks only in multiline text.</summary>
    private static int FirstControl(string text, bool multiline)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsControl(text[i]) && !(multiline && text[i] is '\t' or '\n' or '\r')) return i;
        }

        return -1;
    }

    /// <summary>C0 and C1 control characters and DEL.</summary>
    private static bool IsControl(char c) => c < 0x20 || c is >= '\u007F' and <= '\u009F';
}
