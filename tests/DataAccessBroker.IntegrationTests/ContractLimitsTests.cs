using DataAccessBroker.Server.Mapping;
using Google.Protobuf.Reflection;

namespace DataAccessBroker.IntegrationTests;

/// <summary>Every field a client writes has a bound in the contract, so a new field cannot arrive unbounded.</summary>
public sealed class ContractLimitsTests
{
    [Fact]
    public void Every_string_and_repeated_field_of_every_request_has_a_documented_bound()
    {
        var unbounded = Contract.Methods
            .SelectMany(m => Contract.InputFields(m.InputType).Select(f => (Rpc: m.FullName, f.Path, f.Field)))
            .Where(f => (f.Field.FieldType == FieldType.String && RequestLimits.MaxLength(f.Field) is null)
                        || (f.Field.IsRepeated && RequestLimits.MaxItems(f.Field) is null))
            .Select(f => $"{f.Field.ContainingType.Name}.{f.Field.Name} (in {f.Rpc} as {f.Path})")
            .Distinct()
            .ToList();

        Assert.True(unbounded.Count == 0, "Fields without max_length / max_items:\n" + string.Join("\n", unbounded));
    }
}
