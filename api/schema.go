package api

import (
	"reflect"
	"strings"

	"lexsearch/corpus"
	"lexsearch/search"
)

// schemas turns Go types into the JSON Schemas of /openapi.json, so the
// description is generated from the very types the handlers encode and
// cannot drift from them. Named struct types become components, referred
// to by $ref; a field tagged omitempty is optional, the others required.
type schemas struct {
	components map[string]any
	types      map[string]reflect.Type // the type behind each component
}

// fieldEnums are the values of the string fields that take only a few,
// keyed by Go type and field ("search.Hit.Type"): the schema lists them,
// so generated clients get a union type instead of string and validators
// catch a value nobody documented.
var fieldEnums = map[string][]string{
	"search.Hit.Type":         corpus.Types,
	"api.documentJSON.Type":   corpus.Types,
	"api.documentJSON.Format": formats,
	"api.entitiesJSON.Kind":   search.EntityKinds,
}

var formats = []string{string(corpus.FormatPDF), string(corpus.FormatHTML), string(corpus.FormatText), string(corpus.FormatMarkdown)}

func newSchemas() *schemas {
	return &schemas{components: map[string]any{}, types: map[string]reflect.Type{}}
}

// A schemaNamer names its type's component where the Go name is ours
// alone: generated clients make types of component names (Problem, not
// problem; Document, not documentJSON).
type schemaNamer interface{ schemaName() string }

// componentName is the name of t's component: its schemaName, else its Go name.
func componentName(t reflect.Type) string {
	if n, ok := reflect.Zero(t).Interface().(schemaNamer); ok {
		return n.schemaName()
	}
	return t.Name()
}

// ref returns the schema of v's type, registering named structs.
func (s *schemas) ref(v any) map[string]any { return s.of(reflect.TypeOf(v)) }

func (s *schemas) of(t reflect.Type) map[string]any {
	switch t.Kind() {
	case reflect.Pointer:
		return s.of(t.Elem())
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": "array", "items": s.of(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": s.of(t.Elem())}
	case reflect.Struct:
		if t.Name() == "" {
			return s.object(t)
		}
		name := componentName(t)
		if other, ok := s.types[name]; ok && other != t {
			panic("api: " + t.String() + " and " + other.String() + " are both the schema " + name)
		}
		if _, ok := s.components[name]; !ok {
			s.types[name] = t
			s.components[name] = map[string]any{} // a placeholder stops recursion
			s.components[name] = s.object(t)
		}
		return map[string]any{"$ref": "#/components/schemas/" + name}
	case reflect.Interface:
		return map[string]any{}
	}
	panic("api: no JSON schema for " + t.String())
}

// object is the schema of a struct's JSON encoding: its exported fields
// by their json names, embedded structs' fields inlined.
func (s *schemas) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	required := []string{}
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		for i := range t.NumField() {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if tag == "-" || !f.IsExported() {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			if f.Anonymous && name == "" {
				et := f.Type
				if et.Kind() == reflect.Pointer {
					et = et.Elem()
				}
				walk(et)
				continue
			}
			if name == "" {
				name = f.Name
			}
			props[name] = s.of(f.Type)
			if values, ok := fieldEnums[t.String()+"."+f.Name]; ok {
				props[name] = enum(values...)
			}
			if !strings.Contains(opts, "omitempty") && !strings.Contains(opts, "omitzero") && f.Type.Kind() != reflect.Pointer {
				required = append(required, name)
			}
		}
	}
	walk(t)
	out := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		out["required"] = required
	}
	return out
}
