import { describe, expect, it } from 'vitest';
import { createModdle, ownElements } from './moddle';
import { createReferenceTable, elementToJson, jsonToElement } from './moddle-json';
import { createPrefixTable } from './namespaces';

describe('moddle <-> JSON', () => {
  it('given typed, generic and referenced content, when converted to JSON and back, then the XML is the same', async () => {
    const moddle = createModdle();
    const xml = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:v="urn:v" id="D">
  <bpmn:itemDefinition id="Item_1" structureRef="string" v:flag="1" />
  <bpmn:message id="Msg_1" itemRef="Item_1">
    <bpmn:extensionElements>
      <v:meta a="b">text</v:meta>
    </bpmn:extensionElements>
  </bpmn:message>
</bpmn:definitions>`;
    const { rootElement } = await moddle.fromXML(xml);
    const aliases = new Map([['v', 'urn:v']]);
    const roots = ownElements(rootElement, 'rootElements');
    const json = roots.map((r) => elementToJson(r, { aliases, unresolved: () => [] }));
    expect(json).toEqual([
      { $type: 'bpmn:ItemDefinition', id: 'Item_1', structureRef: 'string', $attrs: { '{urn:v}flag': '1' } },
      {
        $type: 'bpmn:Message',
        id: 'Msg_1',
        itemRef: 'Item_1',
        extensionElements: { $type: 'bpmn:ExtensionElements', values: [{ $xml: { ns: 'urn:v', name: 'meta', attrs: { a: 'b' }, children: [], text: 'text' } }] },
      },
    ]);

    const out = createModdle();
    const ctx = { moddle: out, prefixes: createPrefixTable(out, { v: 'urn:v' }), refs: createReferenceTable() };
    const defs = out.create('bpmn:Definitions', { id: 'D' });
    defs.set('rootElements', json.map((j) => jsonToElement(j, ctx)));
    ctx.refs.resolveAll();
    Object.assign(defs.$attrs, ctx.prefixes.declarations());
    const written = (await out.toXML(defs, { format: true })).xml;
    expect(written).toContain('<bpmn:message id="Msg_1" itemRef="Item_1">');
    expect(written).toContain('<bpmn:itemDefinition id="Item_1" structureRef="string" v:flag="1" />');
    expect(written).toContain('<v:meta a="b">text</v:meta>');
  });

  it('given JSON that is not an element, when converted, then nothing is created', () => {
    const moddle = createModdle();
    const ctx = { moddle, prefixes: createPrefixTable(moddle, {}), refs: createReferenceTable() };
    expect(jsonToElement('text', ctx)).toBeUndefined();
    expect(jsonToElement({ $type: 'bpmn:NoSuchThing' }, ctx)).toBeUndefined();
    expect(jsonToElement({ $xml: { broken: true } }, ctx)).toBeUndefined();
  });
});
