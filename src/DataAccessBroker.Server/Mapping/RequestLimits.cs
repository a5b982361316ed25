using System.Collections;
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
        field.GetOptions()?.HasExtension(LimitsExtensions.MaxLength) == true ? field.GetOptions().GetExtension(LimitsExtensions.MaxLength) : null;

    public static int? MaxItems(FieldDescriptor field) =>
        field.GetOptions()?.HasExtension(LimitsExtensions.MaxItems) == true ? field.GetOptions().GetExtension(LimitsExtensions.MaxItems) : null;

    private static void Walk(IMessage message, string path, List<FieldViolation> violations)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (!IsInput(field)) continue;
            var name = path.Length == 0 ? field.Name : $"{path}.{field.Name}";
            var value = field.Accessor.GetValue(message);
            if (field.IsRepeated)
            {
                var items = field.IsMap ? ((IDictionary)value).Values : (ICollection)value;
                var maxItems = MaxItems(field) ?? DefaultMaxItems;
                if (items.Count > maxItems)
                {
                    violations.Add(new(name, $"at most {maxItems} elements; {items.Count} given"));
                    continue;
                }

                var i = 0;
                foreach (var item in items) CheckValue(item, $"{name}[{i++}]", field, violations);
            }
            else if (field.FieldType is FieldType.String || (field.FieldType is FieldType.Message && value is not null))
            {
                CheckValue(value, name, field, violations);
            }
        }
    }

    private static void CheckValue(object? value, string name, FieldDescriptor field, List<FieldViolation> violations)
    {
        switch (value)
        {
            case string text:
                CheckText(text, name, field, violations);
                break;
            case IMessage nested:
                Walk(nested, name, violations);
                break;
        }
    }

    private static void CheckText(string text, string name, FieldDescriptor field, List<FieldViolation> violations)
    {
        var maxLength = MaxLength(field) ?? DefaultMaxLength;
        if (text.Length > maxLength)
        {
            violations.Add(new(name, $"at most {maxLength} characters; {text.Length} given"));
            return;
        }

        var multiline = field.GetOptions()?.GetExtension(LimitsExtensions.Multiline) == true;
        foreach (var c in text)
        {
            if (IsControl(c) && !(multiline && c is '\t' or '\n' or '\r'))
            {
                violations.Add(new(name, $"must not contain control characters (U+{(int)c:X4})" +
                    (multiline ? "; tabs and line breaks are allowed" : "")));
                return;
            }
        }
    }

    /// <summary>C0 and C1 control characters and DEL.</summary>
    private static bool IsControl(char c) => c < 0x20 || c is >= '\u007F' and <= '\u009F';
}
