/**
 * The part of bpmn-moddle 10.x (and the moddle / moddle-xml libraries under it) that Baton uses.
 * bpmn-moddle ships no types for its main entry; this declares only what lib/bpmn/xml calls.
 */
declare module 'bpmn-moddle' {
  /** A property of a moddle type, as its descriptor states it. */
  export interface ModdlePropertyDescriptor {
    name: string;
    type: string;
    isMany?: boolean;
    isReference?: boolean;
    isAttr?: boolean;
    isBody?: boolean;
    isId?: boolean;
    isVirtual?: boolean;
    default?: unknown;
    ns: { name: string; prefix: string; localName: string };
  }

  /** The (effective) descriptor of a moddle type or of a generic element. */
  export interface ModdleTypeDescriptor {
    name: string;
    isGeneric?: boolean;
    ns: { name?: string; prefix?: string; localName: string; uri?: string };
    properties: ModdlePropertyDescriptor[];
    propertiesByName: Record<string, ModdlePropertyDescriptor | undefined>;
  }

  /**
   * A model element. Typed elements keep their properties as own fields (references are own but
   * not enumerable); generic elements (unknown namespaces) keep attributes as own string fields,
   * child elements in `$children` and text in `$body`.
   */
  export interface ModdleElement {
    readonly $type: string;
    readonly $descriptor: ModdleTypeDescriptor;
    readonly $attrs: Record<string, string>;
    $parent?: ModdleElement;
    $children?: ModdleElement[];
    $body?: string;
    id?: string;
    $instanceOf(type: string): boolean;
    get(name: string): unknown;
    set(name: string, value: unknown): void;
    [key: string]: unknown;
  }

  export interface ParseWarning {
    message: string;
    element?: ModdleElement;
    property?: string;
    value?: string;
    error?: Error;
  }

  export interface ParseResult {
    rootElement: ModdleElement;
    references: Array<{ element: ModdleElement; property: string; id: string }>;
    warnings: ParseWarning[];
    elementsById: Record<string, ModdleElement | undefined>;
  }

  export interface RegisteredPackage {
    prefix: string;
    uri: string;
  }

  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    /** Rejects (with an Error carrying `warnings`) when the text cannot be read at all. */
    fromXML(xml: string, typeName?: string, options?: { lax?: boolean }): Promise<ParseResult>;
    toXML(element: ModdleElement, options?: { format?: boolean; preamble?: boolean }): Promise<{ xml: string }>;
    create(type: string, attrs?: Record<string, unknown>): ModdleElement;
    createAny(name: string, nsUri: string | undefined, properties?: Record<string, unknown>): ModdleElement;
    getTypeDescriptor(type: string): ModdleTypeDescriptor;
    getPackage(uriOrPrefix: string): RegisteredPackage | undefined;
    getPackages(): ReadonlyArray<RegisteredPackage>;
  }
}
