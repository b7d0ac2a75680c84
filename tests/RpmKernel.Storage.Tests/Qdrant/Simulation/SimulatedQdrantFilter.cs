using Grpc.Core;
using Qdrant.Client.Grpc;

namespace RpmKernel.Storage.Tests.Qdrant.Simulation;

/// <summary>
/// Qdrant's filter semantics for the conditions RpmKernel sends: must / must-not / should, keyword,
/// integer, bool, any-of, range, has-id, nested filters, and <c>is_null</c>, which (unlike
/// <c>is_empty</c>) matches only a field that is present and null.
/// </summary>
internal static class SimulatedQdrantFilter
{
    public static bool Matches(Filter? filter, SimulatedPoint point)
        => filter is null
            || (filter.Must.All(c => Matches(c, point)) && !filter.MustNot.Any(c => Matches(c, point)) && (filter.Should.Count == 0 || filter.Should.Any(c => Matches(c, point))));

    private static bool Matches(Condition condition, SimulatedPoint point) => condition.ConditionOneOfCase switch
    {
        Condition.ConditionOneOfOneofCase.Field => Matches(condition.Field, point.Payload.GetValueOrDefault(condition.Field.Key)),
        Condition.ConditionOneOfOneofCase.IsNull => point.Payload.GetValueOrDefault(condition.IsNull.Key) is { KindCase: Value.KindOneofCase.NullValue },
        Condition.ConditionOneOfOneofCase.HasId => condition.HasId.HasId.Contains(point.Id),
        Condition.ConditionOneOfOneofCase.Filter => Matches(condition.Filter, point),
        _ => throw new RpcException(new Status(StatusCode.Unimplemented, $"The simulation does not implement {condition.ConditionOneOfCase} conditions.")),
    };

    private static bool Matches(FieldCondition field, Value? value)
    {
        if (value is null || value.KindCase == Value.KindOneofCase.NullValue)
        {
            return false;
        }

        if (field.Range is { } range)
        {
            if (value.KindCase is not (Value.KindOneofCase.IntegerValue or Value.KindOneofCase.DoubleValue))
            {
                return false;
            }

            var number = value.KindCase == Value.KindOneofCase.IntegerValue ? value.IntegerValue : value.DoubleValue;
            return (!range.HasGte || number >= range.Gte) && (!range.HasLte || number <= range.Lte) && (!range.HasGt || number > range.Gt) && (!range.HasLt || number < range.Lt);
        }

        var match = field.Match;
        return match.MatchValueCase switch
        {
            Match.MatchValueOneofCase.Keyword => value.KindCase == Value.KindOneofCase.StringValue && value.StringValue == match.Keyword,
            Match.MatchValueOneofCase.Integer => value.KindCase == Value.KindOneofCase.IntegerValue && value.IntegerValue == match.Integer,
            Match.MatchValueOneofCase.Boolean => value.KindCase == Value.KindOneofCase.BoolValue && value.BoolValue == match.Boolean,
            Match.MatchValueOneofCase.Keywords => value.KindCase == Value.KindOneofCase.StringValue && match.Keywords.Strings.Contains(value.StringValue),
            Match.MatchValueOneofCase.Integers => value.KindCase == Value.KindOneofCase.IntegerValue && match.Integers.Integers.Contains(value.IntegerValue),
            _ => throw new RpcException(new Status(StatusCode.Unimplemented, $"The simulation does not implement {match.MatchValueCase} matches.")),
        };
    }
}
