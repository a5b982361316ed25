using System.Collections;
using DataAccessBroker.Domain.Errors;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace DataAccessBroker.Server.Mapping;

/// <summary>
/// Text no field may hold: NUL, which PostgreSQL cannot store in text and no person types. Checked on every request
/// before any service sees it, so such input is INVALID_ARGUMENT naming the field, never a database error. (Invalid
/// UTF-8 never gets this far: it fails to decode, see <see cref="Errors.DecodingServiceMethodProvider{TService}"/>.)
/// </summary>
public static class RequestText
{
    public static void RejectNul(IMessage request)
    {
        var violations = new List<FieldViolation>();
        Walk(request, "", violations);
        if (violations.Count > 0) throw new InvalidInputException(violations);
    }

    private static void Walk(IMessage message, string path, List<FieldViolation> violations)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var name = path.Length == 0 ? field.Name : $"{path}.{field.Name}";
            var value = field.Accessor.GetValue(message);
            if (field.IsMap)
            {
                var valueField = field.MessageType.FindFieldByNumber(2);
                foreach (DictionaryEntry entry in (IDictionary)value)
                {
                    Check(entry.Value, $"{name}[{entry.Key}]", valueField, violations, entry.Key);
                }
            }
            else if (field.IsRepeated)
            {
                var i = 0;
                foreach (var item in (IList)value) Check(item, $"{name}[{i++}]", field, violations);
            }
            else if (field.FieldType is FieldType.String or FieldType.Message && value is not null)
            {
                Check(value, name, field, violations);
            }
        }
    }

    private static void Check(
        object? value, string name, FieldDescriptor field, List<FieldViolation> violations, object? key = null)
    {
        if (key is string k && k.Contains('\0')) violations.Add(new(name, "must not contain NUL characters"));
        switch (value)
        {
            case string text when text.Contains('\0'):
                violations.Add(new(name, "must not contain NUL characters"));
                break;
            case IMessage nested when field.FieldType == FieldType.Message:
                Walk(nested, name, violations);
                break;
        }
    }
}
