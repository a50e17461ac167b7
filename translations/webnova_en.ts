<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ApprovalAlerts</name>
    <message numerus="yes">
        <source>WebNova Console: %Ln approvals pending</source>
        <translation>
            <numerusform>WebNova Console: %Ln approval pending</numerusform>
            <numerusform>WebNova Console: %Ln approvals pending</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AssistantSettingsPanel</name>
    <message numerus="yes">
        <source>%Ln calls</source>
        <translation>
            <numerusform>%Ln call</numerusform>
            <numerusform>%Ln calls</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln input tokens</source>
        <translation>
            <numerusform>%Ln input token</numerusform>
            <numerusform>%Ln input tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln output tokens</source>
        <translation>
            <numerusform>%Ln output token</numerusform>
            <numerusform>%Ln output tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln calls to models without a known price)</source>
        <translation>
            <numerusform>(%Ln call to a model without a known price)</numerusform>
            <numerusform>(%Ln calls to models without a known price)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BlueprintEditor</name>
    <message numerus="yes">
        <source>Not saved: the blueprint has %Ln errors. They are listed below; choose one to go to its place.</source>
        <translation>
            <numerusform>Not saved: the blueprint has %Ln error. It is listed below; choose it to go to its place.</numerusform>
            <numerusform>Not saved: the blueprint has %Ln errors. They are listed below; choose one to go to its place.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChainStatusLabel</name>
    <message numerus="yes">
        <source>✔ Chain intact: %Ln entries verified; the head is entry %1 (%2…).</source>
        <translation>
            <numerusform>✔ Chain intact: %Ln entry verified; the head is entry %1 (%2…).</numerusform>
            <numerusform>✔ Chain intact: %Ln entries verified; the head is entry %1 (%2…).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChatPane</name>
    <message numerus="yes">
        <source>Used %Ln tokens (%1)</source>
        <translation>
            <numerusform>Used %Ln token (%1)</numerusform>
            <numerusform>Used %Ln tokens (%1)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConstitutionPane</name>
    <message numerus="yes">
        <source>✔ Valid: %Ln rules.</source>
        <translation>
            <numerusform>✔ Valid: %Ln rule.</numerusform>
            <numerusform>✔ Valid: %Ln rules.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message numerus="yes">
        <source>%1 — started %2, %Ln messages</source>
        <translation>
            <numerusform>%1 — started %2, %Ln message</numerusform>
            <numerusform>%1 — started %2, %Ln messages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeployPane</name>
    <message numerus="yes">
        <source>%1, environment %2: %Ln app servers of type %3.</source>
        <translation>
            <numerusform>%1, environment %2: %Ln app server of type %3.</numerusform>
            <numerusform>%1, environment %2: %Ln app servers of type %3.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln to create</source>
        <translation>
            <numerusform>%Ln to create</numerusform>
            <numerusform>%Ln to create</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln to delete</source>
        <translation>
            <numerusform>%Ln to delete</numerusform>
            <numerusform>%Ln to delete</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln to replace</source>
        <translation>
            <numerusform>%Ln to replace</numerusform>
            <numerusform>%Ln to replace</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln to update in place</source>
        <translation>
            <numerusform>%Ln to update in place</numerusform>
            <numerusform>%Ln to update in place</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Already as they should be: %Ln resources.</source>
        <translation>
            <numerusform>Already as it should be: %Ln resource.</numerusform>
            <numerusform>Already as they should be: %Ln resources.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EditSurface</name>
    <message numerus="yes">
        <source>%Ln items. Select one to edit it, or add a new one.</source>
        <translation>
            <numerusform>%Ln item. Select it to edit it, or add a new one.</numerusform>
            <numerusform>%Ln items. Select one to edit it, or add a new one.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GeneratePane</name>
    <message numerus="yes">
        <source>Dry run done: %Ln files would be written, %1 in conflict.</source>
        <translation>
            <numerusform>Dry run done: %Ln file would be written, %1 in conflict.</numerusform>
            <numerusform>Dry run done: %Ln files would be written, %1 in conflict.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Generated: %Ln files written, %1 in conflict.</source>
        <translation>
            <numerusform>Generated: %Ln file written, %1 in conflict.</numerusform>
            <numerusform>Generated: %Ln files written, %1 in conflict.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>In conflict: %Ln files. Your files were kept, and a %1 file beside each shows both sides. Decide for each one.</source>
        <translation>
            <numerusform>In conflict: %Ln file. Your file was kept, and a %1 file beside it shows both sides. Decide for it.</numerusform>
            <numerusform>In conflict: %Ln files. Your files were kept, and a %1 file beside each shows both sides. Decide for each one.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GenerationConflictsPanel</name>
    <message numerus="yes">
        <source>%Ln files in conflict. Your files were kept as they are; each report shows your lines and the generated ones between the markers %1 and %2.</source>
        <translation>
            <numerusform>%Ln file in conflict. Your file was kept as it is; its report shows your lines and the generated ones between the markers %1 and %2.</numerusform>
            <numerusform>%Ln files in conflict. Your files were kept as they are; each report shows your lines and the generated ones between the markers %1 and %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GenerationFilesPanel</name>
    <message numerus="yes">
        <source>%Ln files generated into %1 in %2 s; nothing changed, so nothing was recorded.</source>
        <translation>
            <numerusform>%Ln file generated into %1 in %2 s; nothing changed, so nothing was recorded.</numerusform>
            <numerusform>%Ln files generated into %1 in %2 s; nothing changed, so nothing was recorded.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln files generated into %1 in %2 s; recorded as commit %3.</source>
        <translation>
            <numerusform>%Ln file generated into %1 in %2 s; recorded as commit %3.</numerusform>
            <numerusform>%Ln files generated into %1 in %2 s; recorded as commit %3.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Dry run: %Ln files compared in %1 s. Nothing was written.</source>
        <translation>
            <numerusform>Dry run: %Ln file compared in %1 s. Nothing was written.</numerusform>
            <numerusform>Dry run: %Ln files compared in %1 s. Nothing was written.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GenerationHistoryPanel</name>
    <message numerus="yes">
        <source>The folder is back at commit %1 (%Ln files restored).</source>
        <translation>
            <numerusform>The folder is back at commit %1 (%Ln file restored).</numerusform>
            <numerusform>The folder is back at commit %1 (%Ln files restored).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlatformRunPanel</name>
    <message numerus="yes">
        <source>%Ln files are still in conflict; the platform may not start until they are resolved.</source>
        <translation>
            <numerusform>%Ln file is still in conflict; the platform may not start until it is resolved.</numerusform>
            <numerusform>%Ln files are still in conflict; the platform may not start until they are resolved.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>L&amp;og (the last %Ln lines)</source>
        <translation>
            <numerusform>L&amp;og (the last %Ln line)</numerusform>
            <numerusform>L&amp;og (the last %Ln lines)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RequestParticulars</name>
    <message numerus="yes">
        <source>%1 — %2 of %Ln approvals so far</source>
        <translation>
            <numerusform>%1 — %2 of %Ln approval so far</numerusform>
            <numerusform>%1 — %2 of %Ln approvals so far</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message numerus="yes">
        <source>Proposal for %1 (%Ln operations)</source>
        <translation>
            <numerusform>Proposal for %1 (%Ln operation)</numerusform>
            <numerusform>Proposal for %1 (%Ln operations)</numerusform>
        </translation>
    </message>
</context>
</TS>
