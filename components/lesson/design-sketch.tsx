import { stringify } from "yaml";
import { CodeBlock } from "@/components/lesson/code-block";
import { getVisionPromptTemplate } from "@/lib/content/server/lessons";

/** The lesson's vision_prompt_template, from the same data file the lab's prompts are built from. */
export function DesignSketch() {
  const yamlText = stringify({ vision_prompt_template: getVisionPromptTemplate() });
  return (
    <CodeBlock title="vision_prompt_template (yaml)">
      <code className="language-yaml">{yamlText}</code>
    </CodeBlock>
  );
}
